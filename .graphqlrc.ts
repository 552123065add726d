// GraphQL tooling config (editor completion) for the Admin API, at the app's one version.
// Plain object rather than @shopify/api-codegen-preset, to keep installs light; add the preset
// when typed operations (codegen) are wanted.
import { SHOPIFY_API_VERSION } from "./app/shopify/api-version";

export default {
  projects: {
    default: {
      schema: `https://shopify.dev/admin-graphql-direct-proxy/${SHOPIFY_API_VERSION}`,
      documents: ["./app/**/*.{js,ts,jsx,tsx}"],
    },
  },
};
