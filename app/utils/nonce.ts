import { createContext, useContext } from "react";

// The CSP nonce of the current response, set on the server; empty in the browser, where the
// nonce is neither available nor needed after hydration.
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
