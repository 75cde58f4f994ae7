// State shared by the operator conversions of one upgrade: the source opset, the inferred types of the
// original model (for ranks and element types), fresh value and node names, the constants added as
// initializers, and the per-operator counts for the report.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.OpsetUpgrade;

/// <summary>What the conversions of one upgrade share.</summary>
internal sealed class UpgradeContext
{
    private readonly ModelGraph _graph;
    private readonly ShapeInferenceResult? _types;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _converted = new(StringComparer.Ordinal);

    /// <summary>Initializes a context for <paramref name="graph"/> at opset <paramref name="from"/>.</summary>
    public UpgradeContext(ModelGraph graph, long from, ShapeInferenceResult? types)
    {
        _graph = graph;
        From = from;
        _types = types;
        foreach (var node in OpsetUpgrader.AllNodes(graph.Graph))
        {
            _taken.Add(node.Name);
            _taken.UnionWith(node.Input);
            _taken.UnionWith(node.Output);
        }

        _taken.UnionWith(graph.Graph.Initializer.Select(t => t.Name));
        _taken.UnionWith(graph.Graph.Input.Select(t => t.Name));
        _taken.UnionWith(graph.Graph.Output.Select(t => t.Name));
    }

    /// <summary>Gets the model's opset before the upgrade.</summary>
    public long From { get; }

    /// <summary>Gets operator → nodes rewritten.</summary>
    public IReadOnlyDictionary<string, int> Converted => _converted;

    /// <summary>Counts one rewritten node of <paramref name="opType"/>.</summary>
    public void Count(string opType) => _converted[opType] = _converted.GetValueOrDefault(opType) + 1;

    /// <summary>Returns a name no value or node uses yet, based on <paramref name="stem"/>.</summary>
    public string Fresh(string stem)
    {
        var name = stem;
        for (var k = 1; !_taken.Add(name); k++)
        {
            name = stem + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>Gets the inferred rank of <paramref name="value"/> in the original model, or null.</summary>
    public int? RankOf(string value) => _types?.TypeOf(value).Rank ?? DeclaredType(value)?.Rank;

    /// <summary>Gets the inferred element type of <paramref name="value"/>, or Undefined.</summary>
    public TensorElementType ElementTypeOf(string value)
    {
        var inferred = _types?.TypeOf(value).ElementType ?? TensorElementType.Undefined;
        return inferred != TensorElementType.Undefined ? inferred : DeclaredType(value)?.ElementType ?? TensorElementType.Undefined;
    }

    /// <summary>Adds an int64 1-D initializer and returns its name.</summary>
    public string Int64s(string stem, long[] values) => Add(stem, TensorProtoConverter.FromInt64(string.Empty, values, values.Length));

    /// <summary>Adds a scalar initializer of <paramref name="type"/> (float or double) holding <paramref name="value"/> and returns its name.</summary>
    public string Scalar(string stem, double value, TensorElementType type) => Add(stem, type == TensorElementType.Double
        ? TensorProtoConverter.FromTensor(string.Empty, Tensor.Create(TensorElementType.Double, new[] { value }, []))
        : TensorProtoConverter.FromFloat(string.Empty, [(float)value]));

    /// <summary>Adds a float 1-D initializer and returns its name.</summary>
    public string Floats(string stem, float[] values) => Add(stem, TensorProtoConverter.FromFloat(string.Empty, values, values.Length));

    private string Add(string stem, TensorProto tensor)
    {
        tensor.Name = Fresh(stem);
        _graph.SetInitializer(tensor);
        return tensor.Name;
    }

    private InferredType? DeclaredType(string value)
    {
        var info = _graph.Graph.Input.Concat(_graph.Graph.ValueInfo).Concat(_graph.Graph.Output).FirstOrDefault(v => v.Name == value);
        return info is null ? null : InferredType.FromProto(info.Type);
    }
}
