// Kept for the tests that import it from here: the one home is tests/support/messages.ts.
export { englishOf as inEnglishWords, englishErrors as errorsInEnglish } from "./messages";
