// Cross-layer equalization (Nagel et al., "Data-Free Quantization"): for two Convs in a row whose
// activation in between commutes with a positive per-channel scale (none, Relu, MaxPool), divide output
// channel i of the first by s_i and multiply input channel i of the second by s_i, with
// s_i = sqrt(r1_i·r2_i)/r2_i, so both see the same per-channel range and per-tensor/per-channel int8
// loses less. Clip (ReLU6) does not commute with scaling, so such pairs are skipped and reported.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>What equalization did.</summary>
/// <param name="Pairs">Equalized (first, second) Conv pairs.</param>
/// <param name="Skipped">Pairs skipped, with the reason.</param>
internal sealed record EqualizationResult(IReadOnlyList<(string First, string Second)> Pairs, IReadOnlyList<string> Skipped);

/// <summary>Equalizes weight ranges across consecutive Convs.</summary>
internal static class CrossLayerEqualizer
{
    private static readonly HashSet<string> ScaleCommuting = new(StringComparer.Ordinal) { "Relu", "MaxPool" };

    /// <summary>Equalizes every eligible pair in place (a few sweeps, as ranges change after each).</summary>
    public static EqualizationResult Apply(ModelGraph graph, int sweeps = 4)
    {
        var pairs = new List<(NodeProto First, NodeProto Second)>();
        var skipped = new List<string>();
        foreach (var first in graph.TopologicalOrder().Where(n => n.OpType == "Conv" && HasConstWeight(graph, n)))
        {
            var tensor = first.Output[0];
            string? blocker = null;
            while (true)
            {
                var consumers = graph.Consumers(tensor);
                if (consumers.Count != 1 || graph.IsGraphOutput(tensor))
                {
                    blocker = "its output has several readers";
                    break;
                }

                var next = consumers[0];
                if (next.OpType == "Conv")
                {
                    if (HasConstWeight(graph, next) && next.Input[0] == tensor)
                    {
                        pairs.Add((first, next));
                    }

                    blocker = null;
                    break;
                }

                if (!ScaleCommuting.Contains(next.OpType))
                {
                    blocker = next.OpType == "Clip" ? "Clip (ReLU6) between them does not commute with per-channel scaling" : null;
                    if (blocker is not null && graph.Consumers(next.Output[0]) is [{ OpType: "Conv" } after])
                    {
                        skipped.Add($"{first.Name} → {after.Name}: {blocker}");
                    }

                    break;
                }

                tensor = next.Output[0];
            }
        }

        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            foreach (var (first, second) in pairs)
            {
                Equalize(graph, first, second);
            }
        }

        return new EqualizationResult(pairs.Select(p => (p.First.Name, p.Second.Name)).ToList(), skipped);
    }

    /// <summary>Equalizes one pair.</summary>
    public static void Equalize(ModelGraph graph, NodeProto first, NodeProto second)
    {
        var w1Proto = graph.GetInitializer(first.Input[1])!;
        var w2Proto = graph.GetInitializer(second.Input[1])!;
        var w1 = TensorProtoConverter.ToFloatArray(w1Proto);
        var w2 = TensorProtoConverter.ToFloatArray(w2Proto);
        var channels = (int)w1Proto.Dims[0];
        var perOut1 = w1.Length / channels;
        var group = (int)second.GetInt("group", 1);
        var cout2 = (int)w2Proto.Dims[0];
        var cinPerGroup = (int)w2Proto.Dims[1];
        var spatial = (int)(w2.Length / (cout2 * cinPerGroup));
        if (cinPerGroup * group != channels)
        {
            return;
        }

        var outPerGroup = cout2 / group;
        var r1 = new double[channels];
        var r2 = new double[channels];
        for (var i = 0; i < w1.Length; i++)
        {
            r1[i / perOut1] = Math.Max(r1[i / perOut1], Math.Abs(w1[i]));
        }

        for (var o = 0; o < cout2; o++)
        {
            for (var local = 0; local < cinPerGroup; local++)
            {
                var channel = ((o / outPerGroup) * cinPerGroup) + local;
                for (var s = 0; s < spatial; s++)
                {
                    r2[channel] = Math.Max(r2[channel], Math.Abs(w2[(((o * cinPerGroup) + local) * spatial) + s]));
                }
            }
        }

        var scale = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = r1[c] > 0 && r2[c] > 0 ? Math.Sqrt(r1[c] * r2[c]) / r2[c] : 1.0;
        }

        for (var i = 0; i < w1.Length; i++)
        {
            w1[i] = (float)(w1[i] / scale[i / perOut1]);
        }

        for (var o = 0; o < cout2; o++)
        {
            for (var local = 0; local < cinPerGroup; local++)
            {
                var channel = ((o / outPerGroup) * cinPerGroup) + local;
                for (var s = 0; s < spatial; s++)
                {
                    var index = (((o * cinPerGroup) + local) * spatial) + s;
                    w2[index] = (float)(w2[index] * scale[channel]);
                }
            }
        }

        graph.SetInitializer(TensorProtoConverter.FromFloat(w1Proto.Name, w1, [.. w1Proto.Dims]));
        graph.SetInitializer(TensorProtoConverter.FromFloat(w2Proto.Name, w2, [.. w2Proto.Dims]));
        if (first.Input.Count > 2 && first.Input[2].Length > 0 && graph.GetInitializer(first.Input[2]) is { } b1Proto)
        {
            var b1 = TensorProtoConverter.ToFloatArray(b1Proto);
            for (var c = 0; c < b1.Length; c++)
            {
                b1[c] = (float)(b1[c] / scale[c]);
            }

            graph.SetInitializer(TensorProtoConverter.FromFloat(b1Proto.Name, b1, [.. b1Proto.Dims]));
        }
    }

    private static bool HasConstWeight(ModelGraph graph, NodeProto conv) =>
        conv.Input.Count > 1 && graph.GetInitializer(conv.Input[1]) is { Dims.Count: >= 3 } && graph.Consumers(conv.Input[1]).Count == 1;
}
