// The ai.onnx opset in which each operator added after opset 1 first appeared (from ONNX's
// docs/Operators.md "since version" of each operator's first version). The checker uses it to report a
// node whose operator does not exist yet in the opset the model imports.
namespace EdgeSdk.Onnx.Checking;

/// <summary>First ai.onnx opset of operators introduced after opset 1.</summary>
internal static class OperatorIntroductions
{
    private static readonly Dictionary<string, int> SinceVersion = Build();

    // Operators of ai.onnx opset 1 (every later one is in the table below); with it, the full ai.onnx operator set.
    private static readonly string[] Opset1 =
    [
        "Abs", "Add", "And", "ArgMax", "ArgMin", "AveragePool", "BatchNormalization", "Cast", "Ceil", "Clip", "Concat", "Constant", "Conv",
        "ConvTranspose", "DepthToSpace", "Div", "Dropout", "Elu", "Equal", "Exp", "Flatten", "Floor", "GRU", "Gather", "Gemm",
        "GlobalAveragePool", "GlobalLpPool", "GlobalMaxPool", "Greater", "HardSigmoid", "Hardmax", "Identity", "If", "InstanceNormalization",
        "LRN", "LSTM", "LeakyRelu", "Less", "Log", "LogSoftmax", "Loop", "LpNormalization", "LpPool", "MatMul", "Max", "MaxPool", "MaxRoiPool",
        "Mean", "Min", "Mul", "Neg", "Not", "Or", "PRelu", "Pad", "Pow", "RNN", "RandomNormal", "RandomNormalLike", "RandomUniform",
        "RandomUniformLike", "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin",
        "ReduceProd", "ReduceSum", "ReduceSumSquare", "Relu", "Reshape", "Selu", "Shape", "Sigmoid", "Size", "Slice", "Softmax", "Softplus",
        "Softsign", "SpaceToDepth", "Split", "Sqrt", "Squeeze", "Sub", "Sum", "Tanh", "Tile", "TopK", "Transpose", "Unsqueeze", "Upsample", "Xor",
        // Experimental operators of the first opsets that ONNX Runtime still registers.
        "ATen", "Affine", "Crop", "DynamicSlice", "GRUUnit", "GivenTensorFill", "ImageScaler", "ParametricSoftplus", "Scale", "ScaledTanh", "ThresholdedRelu",
    ];

    private static readonly HashSet<string> Known = [.. Opset1, .. SinceVersion.Keys];

    /// <summary>Gets every ai.onnx operator name, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Known.Order(StringComparer.Ordinal)];

    /// <summary>Returns whether <paramref name="opType"/> is an ai.onnx operator of some opset.</summary>
    public static bool IsKnown(string opType) => Known.Contains(opType);

    /// <summary>Returns the opset that introduced <paramref name="opType"/>, or null when it is an opset-1 or unlisted operator.</summary>
    public static int? Since(string opType) => SinceVersion.TryGetValue(opType, out var v) ? v : null;

    private static Dictionary<string, int> Build()
    {
        var table = new (int Opset, string[] Ops)[]
        {
            (7, ["Acos", "Asin", "Atan", "Cos", "Sin", "Tan", "Multinomial"]),
            (8, ["Expand", "Scan"]),
            (9, ["Acosh", "Asinh", "Atanh", "Cosh", "Sinh", "Compress", "ConstantOfShape", "Erf", "EyeLike", "IsNaN", "MaxUnpool", "MeanVarianceNormalization", "NonZero", "OneHot", "Scatter", "Shrink", "Sign", "TfIdfVectorizer", "Where"]),
            (10, ["ConvInteger", "DequantizeLinear", "IsInf", "MatMulInteger", "Mod", "NonMaxSuppression", "QLinearConv", "QLinearMatMul", "QuantizeLinear", "Resize", "ReverseSequence", "RoiAlign", "StringNormalizer", "ThresholdedRelu"]),
            (11, ["BitShift", "ConcatFromSequence", "CumSum", "Det", "DynamicQuantizeLinear", "GatherElements", "GatherND", "Range", "Round", "ScatterElements", "ScatterND", "SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase", "SequenceInsert", "SequenceLength", "SplitToSequence", "Unique"]),
            (12, ["Celu", "Einsum", "GreaterOrEqual", "LessOrEqual", "NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss"]),
            (14, ["HardSwish", "Trilu"]),
            (15, ["Bernoulli", "CastLike", "Optional", "OptionalGetElement", "OptionalHasElement"]),
            (16, ["GridSample"]),
            (17, ["BlackmanWindow", "DFT", "HammingWindow", "HannWindow", "LayerNormalization", "MelWeightMatrix", "STFT", "SequenceMap"]),
            (18, ["BitwiseAnd", "BitwiseNot", "BitwiseOr", "BitwiseXor", "CenterCropPad", "Col2Im", "GroupNormalization", "Mish"]),
            (19, ["DeformConv"]),
            (20, ["AffineGrid", "Gelu", "ImageDecoder", "RegexFullMatch", "StringConcat", "StringSplit"]),
            (23, ["Attention", "RMSNormalization", "RotaryEmbedding"]),
            (24, ["Swish", "TensorScatter"]),
        };
        return table.SelectMany(t => t.Ops.Select(op => (op, t.Opset))).ToDictionary(x => x.op, x => x.Opset, StringComparer.Ordinal);
    }
}
