// The outcome of shape inference: every value's inferred type in graph order (inputs, initializers, then
// node outputs in topological order), plus the folded contents of small integer values.
using System.Collections;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>Inferred types by value name, enumerated in graph order.</summary>
internal sealed class ShapeInferenceResult : IReadOnlyDictionary<string, InferredType>
{
    private readonly Dictionary<string, InferredType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FoldedValue> _folded = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <inheritdoc/>
    public int Count => _order.Count;

    /// <summary>Gets the value names in graph order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _order;

    /// <inheritdoc/>
    public IEnumerable<InferredType> Values => _order.Select(n => _types[n]);

    /// <inheritdoc/>
    public InferredType this[string key] => _types[key];

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _types.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out InferredType value) => _types.TryGetValue(key, out value!);

    /// <summary>Returns the type of <paramref name="name"/>, or unknown.</summary>
    public InferredType TypeOf(string name) => _types.GetValueOrDefault(name) ?? InferredType.Unknown;

    /// <summary>Returns the statically known contents of an integer value (shape subgraphs, constants), or null.</summary>
    public FoldedValue? FoldedOf(string name) => _folded.GetValueOrDefault(name);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, InferredType>> GetEnumerator() => _order.Select(n => new KeyValuePair<string, InferredType>(n, _types[n])).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets a value's type (the first assignment fixes its position in the order).</summary>
    internal void Set(string name, InferredType type)
    {
        if (name.Length == 0)
        {
            return;
        }

        if (!_types.ContainsKey(name))
        {
            _order.Add(name);
        }

        _types[name] = type;
    }

    /// <summary>Records a value's folded contents.</summary>
    internal void SetFolded(string name, FoldedValue value) => _folded[name] = value;
}
