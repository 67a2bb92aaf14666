// The slice of the WebAssembly JS API we use. The project compiles against lib ES2022 and Node's types,
// neither of which declares the `WebAssembly` global, so it is typed here rather than pulling in DOM.
export interface CompiledModule {
  readonly __compiledModule: unique symbol;
}

interface Descriptor {
  name: string;
  kind: "function" | "table" | "memory" | "global" | "tag";
}

interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<CompiledModule>;
  Module: {
    exports(m: CompiledModule): Descriptor[];
    imports(m: CompiledModule): (Descriptor & { module: string })[];
  };
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
