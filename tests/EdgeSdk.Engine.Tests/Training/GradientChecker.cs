// Compares the engine's reverse-mode gradients with central finite differences of the scalar
// L = Σ out·R (R random, fixed seed) for every trainable parameter of a small model.
using EdgeSdk.Onnx;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Engine.Tests.Training;

internal static class GradientChecker
{
    public static void Check(ModelGraph model, BatchNormMode batchNorm = BatchNormMode.Frozen, float eps = 1e-2f, double atol = 5e-3, double rtol = 2e-2, int maxPerParameter = 24, IReadOnlyDictionary<string, float[]>? inputs = null, IReadOnlyDictionary<string, int[]>? inputShapes = null)
    {
        var graph = new TrainingGraph(model, batchNorm);
        var shapes = inputShapes ?? new Dictionary<string, int[]>();
        var plan = graph.Plan(shapes, training: true);
        if (inputs is not null)
        {
            for (var i = 0; i < plan.Inputs.Length; i++)
            {
                plan.SetInput(i, inputs[plan.Inputs[i].Name]);
            }
        }

        var rng = new Random(42);
        var weights = plan.Outputs.Select(o => Enumerable.Range(0, o.Length).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray()).ToArray();
        double Loss()
        {
            plan.Forward();
            double l = 0;
            for (var k = 0; k < plan.Outputs.Length; k++)
            {
                var y = plan.Outputs[k].Span;
                for (var i = 0; i < y.Length; i++)
                {
                    l += (double)y[i] * weights[k][i];
                }
            }

            return l;
        }

        foreach (var p in graph.Parameters)
        {
            Array.Clear(p.Grad);
        }

        Loss();
        for (var k = 0; k < plan.Outputs.Length; k++)
        {
            weights[k].CopyTo(plan.Outputs[k].GradSpan);
        }

        plan.Backward();
        var analytic = graph.Parameters.ToDictionary(p => p.Name, p => (float[])p.Grad.Clone());
        var checkedCount = 0;
        foreach (var p in graph.Trainable)
        {
            var indices = Enumerable.Range(0, p.Data.Length).OrderBy(_ => rng.Next()).Take(maxPerParameter).ToList();
            foreach (var j in indices)
            {
                var orig = p.Data[j];
                p.Data[j] = orig + eps;
                var up = Loss();
                p.Data[j] = orig - eps;
                var down = Loss();
                p.Data[j] = orig;
                var numeric = (up - down) / (2 * eps);
                var a = analytic[p.Name][j];
                Math.Abs(numeric - a).Should().BeLessThan(atol + (rtol * Math.Abs(numeric)), $"d L / d {p.Name}[{j}]: analytic {a}, numeric {numeric}");
                checkedCount++;
            }
        }

        checkedCount.Should().BeGreaterThan(0, "the model must have trainable parameters to check");
    }
}
