// aladin-lite ships no type declarations; the sky view wraps it in typed helpers (engine.ts).
declare module 'aladin-lite' {
  const A: any;
  export default A;
}
