import { redirect } from "next/navigation";

// The dashboard arrives with the execution views; until then the compositions are home.
export default function HomePage() {
  redirect("/compositions");
}
