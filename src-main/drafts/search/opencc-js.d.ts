// opencc-js ships types for its converters, not for the raw dictionaries it exports under
// `opencc-js/dict/*` (ES modules whose default export is "source target|source target|…").
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
