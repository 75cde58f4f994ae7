// The format-independent steps after reading a data set: check sample counts and finiteness, shuffle
// with the recipe's seed, take the first `samples`, and apply per-input preprocessing.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>Applies a spec's shuffle, sample limit and preprocessing to raw tensors.</summary>
internal static class DataSetShaper
{
    /// <summary>Builds the data set (throws EDGE6xxx on inconsistent or non-finite data).</summary>
    public static InMemoryDataSet Shape(DataSetSpec spec, IReadOnlyDictionary<string, Tensor> inputs, Tensor? labels)
    {
        var set = new InMemoryDataSet(spec.Name, inputs, labels);
        var count = set.Count;
        IReadOnlyList<int> order = Enumerable.Range(0, count).ToArray();
        if (spec.Shuffle)
        {
            var shuffled = order.ToArray();
            new Random(spec.Seed).Shuffle(shuffled);
            order = shuffled;
        }

        if (spec.Samples is { } samples && samples < count)
        {
            order = order.Take(samples).ToArray();
        }

        if (!spec.Shuffle && order.Count == count && spec.Preprocess.Count == 0)
        {
            return set;
        }

        var picked = inputs.ToDictionary(kv => kv.Key, kv => kv.Value.GatherRows(order), StringComparer.Ordinal);
        foreach (var (name, pre) in spec.Preprocess)
        {
            var key = name ?? (picked.Count == 1 ? picked.Keys.Single() : throw new EdgeException(DiagnosticCatalog.Data.InputMismatch, $"Data set '{spec.Name}': preprocessing without an input name needs exactly one input.", pre.Location));
            if (!picked.TryGetValue(key, out var tensor))
            {
                throw new EdgeException(DiagnosticCatalog.Data.InputMismatch, $"Data set '{spec.Name}': preprocessing names the input '{key}', which the set does not feed.", pre.Location);
            }

            picked[key] = Preprocessor.Apply(spec.Name, key, tensor, pre);
        }

        return new InMemoryDataSet(spec.Name, picked, labels?.GatherRows(order));
    }
}
