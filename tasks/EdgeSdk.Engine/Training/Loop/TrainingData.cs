// A training or evaluation set held as one contiguous float array of samples plus labels — as targets in
// their own values (regression trains on these with the mse loss) and, when they are whole numbers, as
// class indices (cross-entropy) — and (for distillation) precomputed teacher outputs, with seeded per-epoch shuffling that a resumed run
// reproduces exactly (the order of epoch e depends only on the seed and e).
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Training.Loop;

/// <summary>Samples in memory for the training loop.</summary>
internal sealed class TrainingData
{
    /// <summary>Creates the data with class-index labels (their values are also the targets).</summary>
    public TrainingData(float[] x, int[] sampleShape, long[]? labels, int count)
        : this(x, sampleShape, labels, labels?.Select(v => (float)v).ToArray(), count)
    {
    }

    /// <summary>Creates the data with real-valued targets; <paramref name="labels"/> are their class indices when every target is a whole number, else null.</summary>
    public TrainingData(float[] x, int[] sampleShape, long[]? labels, float[]? targets, int count)
    {
        X = x;
        SampleShape = sampleShape;
        Labels = labels;
        Targets = targets;
        Count = count;
        SampleSize = sampleShape.Aggregate(1, (a, b) => a * b);
    }

    /// <summary>Gets the samples, row-major.</summary>
    public float[] X { get; }

    /// <summary>Gets the shape of one sample.</summary>
    public int[] SampleShape { get; }

    /// <summary>Gets the floats per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Gets the labels as class indices, or null (no labels, or labels that are not whole numbers).</summary>
    public long[]? Labels { get; }

    /// <summary>Gets the labels in their own values (regression targets; class indices as floats), or null without labels.</summary>
    public float[]? Targets { get; }

    /// <summary>Gets the number of samples.</summary>
    public int Count { get; }

    /// <summary>Gets or sets the teacher's outputs [Count, classes], or null.</summary>
    public float[]? Teacher { get; set; }

    /// <summary>Reads a single-input data set (any <see cref="IDataSet"/>).</summary>
    public static TrainingData From(IDataSet set)
    {
        if (set.InputNames.Count != 1)
        {
            throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"Data set '{set.Name}' feeds {set.InputNames.Count} inputs; training supports single-input models.");
        }

        var xs = new List<float>();
        var ys = new List<float>();
        int[]? shape = null;
        foreach (var batch in set.Batches(256))
        {
            var t = batch.Inputs.Values.First();
            var data = t.Data as float[] ?? throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"Data set '{set.Name}' holds {t.ElementType} inputs; training needs float32.");
            shape ??= t.Shape.Skip(1).Select(d => (int)d).ToArray();
            xs.AddRange(data);
            if (batch.Labels is { } labels)
            {
                ys.AddRange(ToFloats(labels));
            }
        }

        if (!set.HasLabels)
        {
            return new TrainingData([.. xs], shape ?? [], null, null, set.Count);
        }

        float[] targets = [.. ys];
        var whole = targets.All(v => v == MathF.Round(v));
        return new TrainingData([.. xs], shape ?? [], whole ? targets.Select(v => (long)v).ToArray() : null, targets, set.Count);
    }

    /// <summary>Returns the sample order of epoch <paramref name="epoch"/> (Fisher–Yates with a seed derived from seed and epoch).</summary>
    public int[] Order(int seed, int epoch)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        var rng = new Random(unchecked((seed * 1_000_003) + epoch));
        for (var i = Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Copies the given samples into <paramref name="destination"/>.</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<float> destination)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            X.AsSpan(indices[i] * SampleSize, SampleSize).CopyTo(destination.Slice(i * SampleSize, SampleSize));
        }
    }

    /// <summary>Returns the samples [start, start+count) as a tensor.</summary>
    public Tensor Slice(int start, int count) => Tensor.FromFloat(X.AsSpan(start * SampleSize, count * SampleSize).ToArray(), [count, .. SampleShape.Select(d => (long)d)]);

    private static float[] ToFloats(Tensor t) => t.Data switch
    {
        float[] f => f,
        double[] d => d.Select(v => (float)v).ToArray(),
        long[] l => l.Select(v => (float)v).ToArray(),
        int[] i => i.Select(v => (float)v).ToArray(),
        byte[] b => b.Select(v => (float)v).ToArray(),
        bool[] b => b.Select(v => v ? 1f : 0f).ToArray(),
        _ => throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"Labels of type {t.ElementType} are not supported; use integer class labels or float regression targets."),
    };
}
