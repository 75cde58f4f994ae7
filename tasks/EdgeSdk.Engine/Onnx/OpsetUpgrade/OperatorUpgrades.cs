// The per-operator conversions from ai.onnx opsets 7–12 to 13, following the ONNX operator changelog:
// attributes that became inputs (Slice and TopK at 10; Clip, Pad at 11; Squeeze, Unsqueeze, Split and ReduceSum
// at 13), renamed operators (Upsample → Resize at 10, Scatter → ScatterElements at 11), Resize-10's inputs and
// modes, Dropout's ratio (12) and Softmax/LogSoftmax/Hardmax, which before 13 coerce their input to 2-D at `axis`
// (converted to Flatten → op(axis=-1) → Reshape unless the axis is the last one, where both meanings agree).
// Operators whose changes up to 13 only add element types, negative axes or optional inputs with the old
// behaviour as default are re-versioned unchanged. Any other operator is unconvertible: the upgrade names it.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.OpsetUpgrade;

/// <summary>Thrown by a conversion that finds a node it cannot convert; the upgrade then reports the node and changes nothing.</summary>
internal sealed class UpgradeRefusedException(string reason) : Exception(reason);

/// <summary>Checks and converts single nodes to opset 13.</summary>
internal static class OperatorUpgrades
{
    /// <summary>Operators whose definitions from opset 7 to 13 need no rewrite of an existing node.</summary>
    private static readonly HashSet<string> Unchanged = new(StringComparer.Ordinal)
    {
        "Abs", "Acos", "Acosh", "Add", "And", "ArgMax", "ArgMin", "Asin", "Asinh", "Atan", "Atanh", "AveragePool",
        "BatchNormalization", "BitShift", "Cast", "Ceil", "Celu", "Compress", "Concat", "ConcatFromSequence", "Constant",
        "ConstantOfShape", "Conv", "ConvInteger", "ConvTranspose", "Cos", "Cosh", "CumSum", "DepthToSpace",
        "DequantizeLinear", "Det", "Div", "DynamicQuantizeLinear", "Einsum", "Elu", "Equal", "Erf", "Exp", "Expand", "EyeLike",
        "Flatten", "Floor", "GRU", "Gather", "GatherElements", "GatherND", "Gemm", "GlobalAveragePool", "GlobalLpPool",
        "GlobalMaxPool", "Greater", "GreaterOrEqual", "HardSigmoid", "Identity", "If", "InstanceNormalization", "IsInf",
        "IsNaN", "LRN", "LSTM", "LeakyRelu", "Less", "LessOrEqual", "Log", "Loop", "LpNormalization", "LpPool", "MatMul",
        "MatMulInteger", "Max", "MaxPool", "MaxRoiPool", "MaxUnpool", "Mean", "MeanVarianceNormalization", "Min", "Mod",
        "Mul", "Multinomial", "Neg", "NonMaxSuppression", "NonZero", "Not", "OneHot", "Or", "PRelu", "Pow", "QLinearConv",
        "QLinearMatMul", "QuantizeLinear", "RNN", "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike",
        "Range", "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean",
        "ReduceMin", "ReduceProd", "ReduceSumSquare", "Relu", "Reshape", "ReverseSequence", "RoiAlign", "Round", "Scan",
        "ScatterElements", "ScatterND", "Selu", "SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase",
        "SequenceInsert", "SequenceLength", "Shape", "Shrink", "Sigmoid", "Sign", "Sin", "Sinh", "Size", "Softplus",
        "Softsign", "SpaceToDepth", "SplitToSequence", "Sqrt", "StringNormalizer", "Sub", "Sum", "Tan", "Tanh",
        "TfIdfVectorizer", "ThresholdedRelu", "Tile", "Transpose", "Unique", "Where", "Xor",
    };

    /// <summary>Operators converted here (the ones whose meaning or signature changed up to 13).</summary>
    private static readonly HashSet<string> Converted = new(StringComparer.Ordinal)
    {
        "Upsample", "Resize", "Slice", "TopK", "Clip", "Pad", "Dropout", "Squeeze", "Unsqueeze", "Split", "ReduceSum",
        "Scatter", "Softmax", "LogSoftmax", "Hardmax",
    };

    /// <summary>Returns why <paramref name="node"/> (ai.onnx, at opset <paramref name="from"/>) cannot be converted, or null when it can.</summary>
    public static string? Check(NodeProto node, long from, ISet<string> used)
    {
        if (!Unchanged.Contains(node.OpType) && !Converted.Contains(node.OpType))
        {
            return $"the opset upgrader has no conversion for '{node.OpType}' (an experimental or unknown operator, or one removed before opset {OpsetUpgrader.TargetOpset}); replace it or re-export the model with opset {OpsetUpgrader.TargetOpset}+";
        }

        switch (node.OpType)
        {
            case "Scan" when from < 9:
                return "Scan-8 takes a batch axis and sequence lengths that Scan-9 and later do not; re-export the model with opset 9+";
            case "BatchNormalization" when from < 9 && node.GetInt("spatial", 1) == 0:
                return "BatchNormalization with spatial=0 (per-element statistics) has no opset 9+ equivalent";
            case "Dropout" when from < 10 && node.Output.Count > 1 && used.Contains(node.Output[1]):
                return "its mask output changes from the input's type to bool at opset 10 and is used";
            case "Upsample" when node.GetString("mode", "nearest") is not ("nearest" or "linear"):
                return $"Upsample mode '{node.GetString("mode", "nearest")}' is not 'nearest' or 'linear'";
        }

        return null;
    }

    /// <summary>Converts <paramref name="node"/> in place; returns the nodes that replace it (itself first or among them), or null when it only needed re-versioning.</summary>
    public static IReadOnlyList<NodeProto>? Apply(UpgradeContext c, NodeProto node)
    {
        var from = c.From;
        switch (node.OpType)
        {
            case "Upsample":
                return Upsample(c, node);
            case "Resize" when from == 10:
                return Resize10(node);
            case "Slice" when from < 10:
                return AttributesToInputs(c, node, ["starts", "ends", "axes"], required: 2);
            case "TopK" when from < 10:
                node.Input.Add(c.Int64s(node.Name + "_k", [node.GetInt("k", 0)]));
                node.RemoveAttribute("k");
                return [node];
            case "Clip" when from < 11:
                return Clip(c, node);
            case "Pad" when from < 11:
                return Pad(c, node);
            case "Dropout" when from < 12:
                return Dropout(node, from);
            case "Squeeze" or "Unsqueeze" or "ReduceSum":
                return AttributesToInputs(c, node, ["axes"], required: 0);
            case "Split":
                return AttributesToInputs(c, node, ["split"], required: 0);
            case "Scatter":
                node.OpType = "ScatterElements";
                return [node];
            case "Softmax" or "LogSoftmax" or "Hardmax":
                return CoercedTo2D(c, node);
            case "BatchNormalization" when from < 9 && node.Find("spatial") is not null:
                node.RemoveAttribute("spatial");
                return [node];
            default:
                return null;
        }
    }

    private static IReadOnlyList<NodeProto>? AttributesToInputs(UpgradeContext c, NodeProto node, string[] names, int required)
    {
        var values = names.Select(n => node.GetInts(n)).ToArray();
        var last = Array.FindLastIndex(values, v => v is not null);
        if (last < 0)
        {
            return null; // nothing to move: the new optional inputs default to what the absent attributes meant
        }

        while (node.Input.Count < 2 + last)
        {
            node.Input.Add(string.Empty);
        }

        for (var i = 0; i <= last; i++)
        {
            if (values[i] is { } v)
            {
                node.Input[1 + i] = c.Int64s($"{node.Name}_{names[i]}", v);
            }
            else if (i < required)
            {
                throw new UpgradeRefusedException($"it has no '{names[i]}' attribute, which opset {c.From} requires");
            }

            node.RemoveAttribute(names[i]);
        }

        return [node];
    }

    private static IReadOnlyList<NodeProto> Upsample(UpgradeContext c, NodeProto node)
    {
        var mode = node.GetString("mode", "nearest");
        string scales;
        if (node.Input.Count > 1 && node.Input[1].Length > 0)
        {
            scales = node.Input[1];
        }
        else
        {
            scales = c.Floats(node.Name + "_scales", node.GetFloats("scales") ?? throw new UpgradeRefusedException("it has neither a 'scales' attribute nor a scales input"));
        }

        var x = InputOf(node, 0);
        node.OpType = "Resize";
        node.Attribute.Clear();
        node.Input.Clear();
        node.Input.Add(new[] { x, string.Empty, scales });
        SetResizeModes(node, mode);
        return [node];
    }

    private static string InputOf(NodeProto node, int i) => node.Input.Count > i ? node.Input[i] : string.Empty;

    private static IReadOnlyList<NodeProto> Resize10(NodeProto node)
    {
        // Resize-10 is Upsample with `linear`/`nearest`: asymmetric coordinates, nearest rounds down (as ONNX's own
        // version converter maps it).
        var mode = node.GetString("mode", "nearest");
        var x = InputOf(node, 0);
        var scales = InputOf(node, 1);
        node.Input.Clear();
        node.Input.Add(new[] { x, string.Empty, scales });
        node.Attribute.Clear();
        SetResizeModes(node, mode);
        return [node];
    }

    private static void SetResizeModes(NodeProto node, string mode)
    {
        node.SetString("mode", mode);
        node.SetString("coordinate_transformation_mode", "asymmetric");
        if (mode == "nearest")
        {
            node.SetString("nearest_mode", "floor");
        }
    }

    private static IReadOnlyList<NodeProto> Clip(UpgradeContext c, NodeProto node)
    {
        var type = FloatType(c, node.Input[0]);
        var min = node.Find("min");
        var max = node.Find("max");
        while (node.Input.Count < 3)
        {
            node.Input.Add(string.Empty);
        }

        if (min is not null)
        {
            node.Input[1] = c.Scalar(node.Name + "_min", min.F, type);
        }

        if (max is not null)
        {
            node.Input[2] = c.Scalar(node.Name + "_max", max.F, type);
        }

        TrimOptional(node);
        node.RemoveAttribute("min");
        node.RemoveAttribute("max");
        return [node];
    }

    private static IReadOnlyList<NodeProto> Pad(UpgradeContext c, NodeProto node)
    {
        var pads = node.GetInts("pads") ?? throw new UpgradeRefusedException($"it has no 'pads' attribute, which opset {c.From} requires");
        var value = node.GetFloat("value", 0f);
        node.Input.Add(c.Int64s(node.Name + "_pads", pads));
        if (value != 0f && node.GetString("mode", "constant") == "constant")
        {
            node.Input.Add(c.Scalar(node.Name + "_value", value, FloatType(c, node.Input[0])));
        }

        node.RemoveAttribute("pads");
        node.RemoveAttribute("value");
        return [node];
    }

    private static IReadOnlyList<NodeProto> Dropout(NodeProto node, long from)
    {
        // In inference Dropout is the identity whatever its ratio; the opset 12 ratio input defaults to 0.5 like the attribute.
        node.RemoveAttribute("ratio");
        if (from < 10 && node.Output.Count > 1)
        {
            node.Output.RemoveAt(1); // unused (Check refuses a used one): its type would change to bool
        }

        return [node];
    }

    private static IReadOnlyList<NodeProto> CoercedTo2D(UpgradeContext c, NodeProto node)
    {
        var axis = node.GetInt("axis", 1);
        var rank = c.RankOf(node.Input[0]);
        if (axis == -1 || (rank is { } r && (axis < 0 ? axis + r : axis) == r - 1))
        {
            node.SetInt("axis", -1); // the last axis: coercing to 2-D there is the same as the opset 13 definition
            return [node];
        }

        // y = Reshape(op(Flatten(x, axis), axis=-1), Shape(x))
        var x = node.Input[0];
        var y = node.Output[0];
        var flat = c.Fresh(y + "_2d");
        var applied = c.Fresh(y + "_2d_" + node.OpType.ToLowerInvariant());
        var shape = c.Fresh(x + "_shape");
        var flatten = new NodeProto { OpType = "Flatten", Name = c.Fresh(node.Name + "_flatten"), Domain = node.Domain };
        flatten.Input.Add(x);
        flatten.Output.Add(flat);
        flatten.SetInt("axis", axis);
        node.Input[0] = flat;
        node.Output[0] = applied;
        node.SetInt("axis", -1);
        var shapeOf = new NodeProto { OpType = "Shape", Name = c.Fresh(node.Name + "_shape"), Domain = node.Domain };
        shapeOf.Input.Add(x);
        shapeOf.Output.Add(shape);
        var reshape = new NodeProto { OpType = "Reshape", Name = c.Fresh(node.Name + "_reshape"), Domain = node.Domain };
        reshape.Input.Add(new[] { applied, shape });
        reshape.Output.Add(y);
        return [flatten, node, shapeOf, reshape];
    }

    private static TensorElementType FloatType(UpgradeContext c, string value)
    {
        var type = c.ElementTypeOf(value);
        return type switch
        {
            TensorElementType.Float or TensorElementType.Undefined => TensorElementType.Float,
            TensorElementType.Double => TensorElementType.Double,
            _ => throw new UpgradeRefusedException($"it works on {type} values; its attributes become inputs for float and double only"),
        };
    }

    private static void TrimOptional(NodeProto node)
    {
        while (node.Input.Count > 1 && node.Input[^1].Length == 0)
        {
            node.Input.RemoveAt(node.Input.Count - 1);
        }
    }
}
