/**
 * logreg's ONNX entry (`import { toOnnx } from 'logreg/onnx'`): export a fitted model as an ONNX
 * graph. Apart from the core because it depends on protobufjs (the core has no dependencies);
 * like the core, it uses no Node built-ins and runs in browsers.
 */
export { toOnnx, ONNX_OPSET, ONNX_IR_VERSION } from './toOnnx.js';
export type { OnnxColumn, OnnxOptions } from './toOnnx.js';
