// Vite's `?url` imports resolve to the asset's URL; declared here so tsc needs no vite/client types.
declare module '*?url' {
  const url: string;
  export default url;
}
