import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "./message";

/**
 * `(text) => words`: a message or a label that may be a catalog key ("common:options.status.open", made
 * with `message()`), in the reader's language. Text that is not a key comes back as it is.
 */
export function useMessage() {
  const { t } = useTranslation();
  return useCallback((text: string) => translateMessage(t, text), [t]);
}
