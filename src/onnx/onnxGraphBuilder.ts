import { AttributeType, TensorDataType } from './onnxSchema.js';
import type {
  AttributeMessage,
  NodeMessage,
  TensorMessage,
  ValueInfoMessage,
} from './onnxSchema.js';

/** The element types an exported graph uses. */
export type ElementType = 'double' | 'float' | 'int64' | 'string';

const dataTypeOf: Record<ElementType, number> = {
  double: TensorDataType.DOUBLE,
  float: TensorDataType.FLOAT,
  int64: TensorDataType.INT64,
  string: TensorDataType.STRING,
};

/** An attribute value: a number is an `INT` unless `float` is asked for. */
export type AttributeValue =
  | { readonly int: number }
  | { readonly float: number }
  | { readonly ints: readonly number[] }
  | { readonly strings: readonly string[] };

const utf8 = new TextEncoder();

/**
 * Collects the nodes, constants (initializers), inputs and outputs of one ONNX graph. Every value
 * gets a fresh name (`prefix_n`), so callers never clash with an input column's name.
 */
export class OnnxGraphBuilder {
  readonly nodes: NodeMessage[] = [];
  readonly initializers: TensorMessage[] = [];
  readonly inputs: ValueInfoMessage[] = [];
  readonly outputs: ValueInfoMessage[] = [];
  private readonly taken = new Set<string>();
  private counter = 0;

  /** A name not used yet in the graph, built from `prefix`. */
  fresh(prefix: string): string {
    let name: string;
    do name = `${prefix}_${this.counter++}`;
    while (this.taken.has(name));
    this.taken.add(name);
    return name;
  }

  /** Declares a graph input; `null` in `shape` is the symbolic batch size `N`. */
  input(name: string, type: ElementType, shape: readonly (number | null)[], doc = ''): string {
    this.taken.add(name);
    this.inputs.push(valueInfo(name, type, shape, doc));
    return name;
  }

  /** Declares a graph output, produced under `name` by some node. */
  output(name: string, type: ElementType, shape: readonly (number | null)[], doc = ''): void {
    this.taken.add(name);
    this.outputs.push(valueInfo(name, type, shape, doc));
  }

  /** Adds a constant tensor (row-major values) and returns its name. */
  constant(
    prefix: string,
    type: ElementType,
    dims: readonly number[],
    values: readonly (number | string)[],
  ): string {
    const name = this.fresh(prefix);
    const base = { name, dims, dataType: dataTypeOf[type] };
    const tensor: TensorMessage =
      type === 'string'
        ? { ...base, stringData: values.map((v) => utf8.encode(String(v))) }
        : type === 'double'
          ? { ...base, doubleData: values as number[] }
          : type === 'float'
            ? { ...base, floatData: values as number[] }
            : { ...base, int64Data: values as number[] };
    this.initializers.push(tensor);
    return name;
  }

  /**
   * Adds a node and returns its output name (`output` if given, else a fresh one).
   * `domain` is `''` for the standard operators, `'ai.onnx.ml'` for the classical-ML ones.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    options: { readonly output?: string; readonly domain?: string } = {},
  ): string {
    const output = options.output ?? this.fresh(opType.toLowerCase());
    this.taken.add(output);
    this.nodes.push({
      name: this.fresh(`node_${opType}`),
      opType,
      domain: options.domain ?? '',
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return output;
  }
}

function attribute(name: string, value: AttributeValue): AttributeMessage {
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: value.ints };
  return {
    name,
    type: AttributeType.STRINGS,
    strings: value.strings.map((s) => utf8.encode(s)),
  };
}

function valueInfo(
  name: string,
  type: ElementType,
  shape: readonly (number | null)[],
  docString: string,
): ValueInfoMessage {
  return {
    name,
    docString,
    type: {
      tensorType: {
        elemType: dataTypeOf[type],
        shape: { dim: shape.map((d) => (d === null ? { dimParam: 'N' } : { dimValue: d })) },
      },
    },
  };
}
