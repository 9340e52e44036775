import type { Config } from "tailwindcss";
import forms from "@tailwindcss/forms";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef4fb", 100: "#d6e4f5", 600: "#1d4e89", 700: "#173f70", 800: "#12325a" },
      },
    },
  },
  plugins: [forms],
} satisfies Config;
