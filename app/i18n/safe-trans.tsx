import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { Trans } from "react-i18next/TransWithoutContext";

/**
 * `Trans` for a sentence whose values are people's own words (a name, an engagement's title). Plain
 * `Trans` fills the values in before it reads the sentence's tags, so a title holding "<i>" or
 * "</link>" would be read as markup; here the values are escaped first and shown exactly as typed.
 */
export function SafeTrans(props: ComponentProps<typeof Trans>) {
  const { i18n } = useTranslation();
  return (
    <Trans
      i18n={i18n}
      {...props}
      tOptions={{ ...props.tOptions, interpolation: { ...props.tOptions?.interpolation, escapeValue: true } }}
      shouldUnescape
    />
  );
}
