// Pooled activation/gradient storage must not change any result: the MobileNet gradients with buffer
// reuse equal those with one buffer per value, bit for bit; and reuse must actually save memory.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Engine.Tests.Training;

[Collection("MemoryPlanner")]
public sealed class MemoryPlanTests
{
    [Fact]
    public void Buffer_reuse_changes_no_gradient_and_saves_memory()
    {
        var (withReuse, pooled) = Gradients(reuse: true);
        var (withoutReuse, unpooled) = Gradients(reuse: false);

        foreach (var (name, grad) in withReuse)
        {
            grad.Should().Equal(withoutReuse[name], $"gradient of {name}");
        }

        pooled.Should().BeLessThan(unpooled * 6 / 10);
    }

    private static (Dictionary<string, float[]> Grads, long Floats) Gradients(bool reuse)
    {
        MemoryPlanner.Reuse = reuse;
        try
        {
            var graph = new TrainingGraph(ModelGraph.Load(TestPaths.Model("digits32_mobilenet")));
            var x = NpyFile.Read(TestPaths.Data("digits32", "train_x.npy")).SliceRows(0, 4);
            var plan = graph.Plan([4, 1, 32, 32], training: true);
            plan.SetInput(0, x.AsFloat());
            plan.Forward();
            var dy = plan.Outputs[0].GradSpan;
            for (var i = 0; i < dy.Length; i++)
            {
                dy[i] = ((i * 7) % 11) - 5;
            }

            plan.Backward();
            return (graph.Trainable.ToDictionary(p => p.Name, p => (float[])p.Grad.Clone()), plan.PooledFloats);
        }
        finally
        {
            MemoryPlanner.Reuse = true;
        }
    }
}
