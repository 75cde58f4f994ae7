// Losses on logits [batch, classes]: cross-entropy on labels, mean squared error, and Hinton's
// temperature-scaled KL divergence to a teacher, plus the distillation mix α·CE + (1−α)·T²·KL. Each returns
// the batch-mean loss and writes dLoss/dlogits (overwriting the gradient buffer).
using System.Numerics.Tensors;

namespace EdgeSdk.Training.Optimization;

/// <summary>Loss functions with their gradients.</summary>
internal static class Losses
{
    /// <summary>Softmax cross-entropy with integer labels; adds <paramref name="weight"/>·dL/dz to <paramref name="grad"/> when <paramref name="accumulate"/>.</summary>
    public static double CrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<long> labels, int classes, Span<float> grad, float weight = 1f, bool accumulate = false)
    {
        var batch = labels.Length;
        Span<float> p = classes <= 1024 ? stackalloc float[classes] : new float[classes];
        double loss = 0;
        for (var b = 0; b < batch; b++)
        {
            var z = logits.Slice(b * classes, classes);
            TensorPrimitives.SoftMax(z, p);
            var y = (int)labels[b];
            if ((uint)y >= (uint)classes)
            {
                throw new Diagnostics.EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"Label {labels[b]} of batch sample {b} is outside [0, {classes}) for a model with {classes} outputs.");
            }

            var max = TensorPrimitives.Max(z);
            var lse = max + Math.Log(SumExp(z, max));
            loss += lse - z[y];
            var g = grad.Slice(b * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                var d = weight * (p[c] - (c == y ? 1f : 0f)) / batch;
                g[c] = accumulate ? g[c] + d : d;
            }
        }

        return loss / batch;
    }

    /// <summary>Mean squared error over all elements.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, Span<float> grad, float weight = 1f, bool accumulate = false)
    {
        double loss = 0;
        var n = predictions.Length;
        for (var i = 0; i < n; i++)
        {
            var d = predictions[i] - targets[i];
            loss += (double)d * d;
            var g = weight * 2 * d / n;
            grad[i] = accumulate ? grad[i] + g : g;
        }

        return loss / n;
    }

    /// <summary>T²·KL(softmax(teacher/T) ‖ softmax(student/T)), batch mean; gradient T·(p_s − p_t)/batch, times <paramref name="weight"/>.</summary>
    public static double DistillationKl(ReadOnlySpan<float> student, ReadOnlySpan<float> teacher, int classes, float temperature, Span<float> grad, float weight = 1f, bool accumulate = false)
    {
        var batch = student.Length / classes;
        Span<float> ps = stackalloc float[classes];
        Span<float> pt = stackalloc float[classes];
        Span<float> zs = stackalloc float[classes];
        Span<float> zt = stackalloc float[classes];
        double loss = 0;
        for (var b = 0; b < batch; b++)
        {
            TensorPrimitives.Divide(student.Slice(b * classes, classes), temperature, zs);
            TensorPrimitives.Divide(teacher.Slice(b * classes, classes), temperature, zt);
            TensorPrimitives.SoftMax(zs, ps);
            TensorPrimitives.SoftMax(zt, pt);
            var maxS = TensorPrimitives.Max(zs);
            var maxT = TensorPrimitives.Max(zt);
            var lseS = maxS + Math.Log(SumExp(zs, maxS));
            var lseT = maxT + Math.Log(SumExp(zt, maxT));
            double kl = 0;
            for (var c = 0; c < classes; c++)
            {
                if (pt[c] > 0)
                {
                    kl += pt[c] * ((zt[c] - lseT) - (zs[c] - lseS));
                }
            }

            loss += temperature * temperature * kl;
            var g = grad.Slice(b * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                var d = weight * temperature * (ps[c] - pt[c]) / batch;
                g[c] = accumulate ? g[c] + d : d;
            }
        }

        return loss / batch;
    }

    private static double SumExp(ReadOnlySpan<float> z, float max)
    {
        double s = 0;
        foreach (var v in z)
        {
            s += Math.Exp(v - max);
        }

        return s;
    }
}
