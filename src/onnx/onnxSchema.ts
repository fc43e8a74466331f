import protobuf from 'protobufjs/light.js';

/**
 * The part of ONNX's `onnx.proto` (package `onnx`, proto2) that an exported model uses, as a
 * protobufjs JSON descriptor: message and field names, types and numbers exactly as in
 * onnx.proto (IR version 7 and later keep them). Fields that logreg never writes (sparse tensors,
 * training info, segments, external data) are left out; a reader skips what it does not know, and
 * the tests load every written model in onnxruntime.
 */
const descriptor = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorProto', id: 5 },
            floats: { rule: 'repeated', type: 'float', id: 7 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            strings: { rule: 'repeated', type: 'bytes', id: 9 },
            docString: { type: 'string', id: 13 },
            type: { type: 'int32', id: 20 },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'TypeProto', id: 2 },
            docString: { type: 'string', id: 3 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            docString: { type: 'string', id: 6 },
            domain: { type: 'string', id: 7 },
          },
        },
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            domain: { type: 'string', id: 4 },
            modelVersion: { type: 'int64', id: 5 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
          },
        },
        StringStringEntryProto: {
          fields: {
            key: { type: 'string', id: 1 },
            value: { type: 'string', id: 2 },
          },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            docString: { type: 'string', id: 10 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            floatData: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } },
            int32Data: { rule: 'repeated', type: 'int32', id: 5, options: { packed: true } },
            stringData: { rule: 'repeated', type: 'bytes', id: 6 },
            int64Data: { rule: 'repeated', type: 'int64', id: 7, options: { packed: true } },
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 },
            doubleData: { rule: 'repeated', type: 'double', id: 10, options: { packed: true } },
            docString: { type: 'string', id: 12 },
          },
        },
        TensorShapeProto: {
          fields: {
            dim: { rule: 'repeated', type: 'Dimension', id: 1 },
          },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
              fields: {
                dimValue: { type: 'int64', id: 1 },
                dimParam: { type: 'string', id: 2 },
                denotation: { type: 'string', id: 3 },
              },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensorType'] } },
          fields: {
            tensorType: { type: 'Tensor', id: 1 },
            denotation: { type: 'string', id: 6 },
          },
          nested: {
            Tensor: {
              fields: {
                elemType: { type: 'int32', id: 1 },
                shape: { type: 'TensorShapeProto', id: 2 },
              },
            },
          },
        },
        OperatorSetIdProto: {
          fields: {
            domain: { type: 'string', id: 1 },
            version: { type: 'int64', id: 2 },
          },
        },
      },
    },
  },
};

/** `TensorProto.DataType` values of onnx.proto that logreg writes. */
export const TensorDataType = {
  FLOAT: 1,
  INT64: 7,
  STRING: 8,
  DOUBLE: 11,
} as const;

/** `AttributeProto.AttributeType` values of onnx.proto that logreg writes. */
export const AttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

/** A tensor constant (`TensorProto`): exactly one of the `*Data` fields is set. */
export interface TensorMessage {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dataType: number;
  readonly doubleData?: readonly number[];
  readonly floatData?: readonly number[];
  readonly int64Data?: readonly number[];
  readonly stringData?: readonly Uint8Array[];
}

/** A node attribute (`AttributeProto`); `type` says which value field is set. */
export interface AttributeMessage {
  readonly name: string;
  readonly type: number;
  readonly i?: number;
  readonly f?: number;
  readonly s?: Uint8Array;
  readonly t?: TensorMessage;
  readonly ints?: readonly number[];
  readonly strings?: readonly Uint8Array[];
}

/** An operator application (`NodeProto`). */
export interface NodeMessage {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly attribute: readonly AttributeMessage[];
}

/** A graph input or output (`ValueInfoProto`): a tensor type with a shape; null dims are symbolic. */
export interface ValueInfoMessage {
  readonly name: string;
  readonly docString: string;
  readonly type: {
    readonly tensorType: {
      readonly elemType: number;
      readonly shape: {
        readonly dim: readonly ({ readonly dimValue: number } | { readonly dimParam: string })[];
      };
    };
  };
}

/** A whole model file (`ModelProto`). */
export interface ModelMessage {
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString: string;
  readonly opsetImport: readonly { readonly domain: string; readonly version: number }[];
  readonly metadataProps: readonly { readonly key: string; readonly value: string }[];
  readonly graph: {
    readonly name: string;
    readonly docString: string;
    readonly node: readonly NodeMessage[];
    readonly initializer: readonly TensorMessage[];
    readonly input: readonly ValueInfoMessage[];
    readonly output: readonly ValueInfoMessage[];
  };
}

const root = protobuf.Root.fromJSON(descriptor);
const modelType = root.lookupType('onnx.ModelProto');

/** Serializes a model message to the bytes of a `.onnx` file (protobuf wire format). */
export function encodeModel(model: ModelMessage): Uint8Array {
  const message = modelType.fromObject(model as unknown as Record<string, unknown>);
  return modelType.encode(message).finish();
}

/** Parses `.onnx` bytes back into a plain object (numbers for int64), for tests and checks. */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  return modelType.toObject(modelType.decode(bytes), { longs: Number, bytes: String });
}
