// What InferenceSession.Run's lean per-call path relies on (issue 12 point 5): repeated calls on the same
// input tensors give identical outputs in fresh arrays the caller owns; output arrays allocated without
// zeroing are fully overwritten; the run options shared by calls without a cancellation token are never
// left terminated by a cancelled call; and the input feed reads the same whatever dictionary type holds it.
using System.Collections.ObjectModel;
using EdgeSdk.Diagnostics;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class RunCallPathTests
{
    [Fact]
    public void Repeated_runs_on_the_same_tensors_give_identical_outputs_in_fresh_arrays()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("digits_mlp"));
        var x = FixtureModels.TestX("digits").SliceRows(0, 1);
        var inputCopy = x.AsFloat().ToArray();
        var feed = FixtureModels.Feed(session, x);
        var name = session.Outputs[0].Name;
        var first = session.Run(feed)[name].AsFloat();
        var expected = first.ToArray();
        var seen = new List<float[]> { first };

        for (var i = 0; i < 20; i++)
        {
            // The caller owns what Run returns: scribbling on an earlier result must not reach a later one.
            Array.Fill(seen[^1], float.NaN);
            var next = session.Run(feed)[name].AsFloat();
            next.Should().Equal(expected);
            seen.Should().NotContain(a => ReferenceEquals(a, next));
            seen.Add(next);
        }

        x.AsFloat().Should().Equal(inputCopy, "ORT reads the pinned input in place and never writes it");
    }

    [Theory]
    [InlineData(nameof(TensorElementType.Float))]
    [InlineData(nameof(TensorElementType.Int64))]
    [InlineData(nameof(TensorElementType.Int32))]
    [InlineData(nameof(TensorElementType.UInt8))]
    public void Outputs_after_a_larger_run_hold_only_the_new_values(string typeName)
    {
        var type = Enum.Parse<TensorElementType>(typeName);
        using var session = InferenceSession.FromModel(TinyModels.Identity(type));
        var large = Filled(type, rows: 4096, seed: 0x5A);
        var small = Filled(type, rows: 37, seed: 3);

        for (var i = 0; i < 5; i++)
        {
            session.Run(new Dictionary<string, Tensor> { ["x"] = large })["y"].Data.Should().BeEquivalentTo(large.Data, o => o.WithStrictOrdering());
            var output = session.Run(new Dictionary<string, Tensor> { ["x"] = small })["y"];

            output.Shape.Should().Equal(37, 3);
            output.Data.Should().BeEquivalentTo(small.Data, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void A_cancelled_run_leaves_later_runs_without_a_token_unaffected()
    {
        using var session = InferenceSession.FromModel(TinyModels.MatMulChain(8, 2));
        var feed = new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(Enumerable.Range(0, 64).Select(i => i * 0.01f).ToArray(), 8, 8) };
        var expected = session.Run(feed)[session.Outputs[0].Name].AsFloat();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var cancelled = () => session.Run(feed, null, cts.Token);
        cancelled.Should().Throw<EdgeException>().Where(e => e.Diagnostics[0].Code == "EDGE3006");

        using var other = InferenceSession.FromModel(TinyModels.MatMulChain(8, 2));
        session.Run(feed)[session.Outputs[0].Name].AsFloat().Should().Equal(expected);
        other.Run(feed)[other.Outputs[0].Name].AsFloat().Should().Equal(expected);
    }

    [Fact]
    public void Any_dictionary_type_feeds_the_same_inputs()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("breast_cancer_mlp"));
        var x = FixtureModels.TestX("breast_cancer").SliceRows(0, 3);
        var feed = FixtureModels.Feed(session, x);
        var name = session.Outputs[0].Name;
        var expected = session.Run(feed)[name].AsFloat();

        session.Run(new ReadOnlyDictionary<string, Tensor>(feed))[name].AsFloat().Should().Equal(expected);
        session.Run(new SortedDictionary<string, Tensor>(feed, StringComparer.Ordinal))[name].AsFloat().Should().Equal(expected);
        session.RunValues(feed.ToDictionary(p => p.Key, p => RuntimeValue.FromTensor(p.Value)))[name].Tensor!.AsFloat().Should().Equal(expected);
    }

    private static Tensor Filled(TensorElementType type, int rows, int seed)
    {
        var n = rows * 3;
        var ints = Enumerable.Range(0, n).Select(i => ((i * 131) + seed) % 251).ToArray();
        Array data = type switch
        {
            TensorElementType.Float => ints.Select(i => (i * 0.5f) - 60f).ToArray(),
            TensorElementType.Int64 => ints.Select(i => (i * 3_000_000_019L) - 7).ToArray(),
            TensorElementType.Int32 => ints.Select(i => (i * 70_001) - 9).ToArray(),
            _ => ints.Select(i => (byte)i).ToArray(),
        };
        return Tensor.Create(type, data, [rows, 3]);
    }
}
