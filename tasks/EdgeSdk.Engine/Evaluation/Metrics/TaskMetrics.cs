// Turns a model's first output and the labels into the metrics of the evaluation task, flattened into
// the name -> value table the manifest, gate and reports read (plus the structured details).
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>The metrics of one task on one output.</summary>
internal sealed record TaskMetrics(SortedDictionary<string, double> Values, MulticlassMetrics? Multiclass, BinaryMetrics? Binary, RegressionMetrics? Regression)
{
    /// <summary>Computes the task's metrics; <paramref name="outputs"/> is <c>samples x columns</c> row-major.</summary>
    public static TaskMetrics Compute(EvaluationSettings settings, float[] outputs, int columns, Tensor labels, string dataName)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var samples = outputs.Length / columns;
        if (labels.Length != samples)
        {
            throw new EdgeException(DiagnosticCatalog.Evaluation.LabelsDoNotFitTask, $"Data set '{dataName}' has {labels.Length} labels for {samples} samples; give one label per sample.");
        }

        switch (settings.Task)
        {
            case EvaluationTask.Multiclass:
            {
                if (columns < 2)
                {
                    throw new EdgeException(DiagnosticCatalog.Evaluation.OutputDoesNotFitTask, $"The model's first output has {columns} column per sample; a multiclass evaluation needs one score per class. Use task 'binary' or 'regression' for a single output.");
                }

                var m = MulticlassMetrics.Compute(outputs, ClassLabels(labels, columns, dataName), columns, Math.Min(settings.TopK, columns));
                values["MicroAccuracy"] = m.MicroAccuracy;
                values["MacroAccuracy"] = m.MacroAccuracy;
                values["LogLoss"] = m.LogLoss;
                values["LogLossReduction"] = m.LogLossReduction;
                values["TopKAccuracy"] = m.TopKAccuracy;
                values["accuracy"] = m.MicroAccuracy;
                return new TaskMetrics(values, m, null, null);
            }

            case EvaluationTask.Binary:
            {
                if (columns > 2)
                {
                    throw new EdgeException(DiagnosticCatalog.Evaluation.OutputDoesNotFitTask, $"The model's first output has {columns} columns per sample; a binary evaluation needs 1 (score of the positive class) or 2 (class scores). Use task 'multiclass'.");
                }

                var b = BinaryMetrics.Compute(PositiveProbabilities(outputs, columns), ClassLabels(labels, 2, dataName), settings.BinaryThreshold);
                values["Accuracy"] = b.Accuracy;
                values["AreaUnderRocCurve"] = b.AreaUnderRocCurve;
                values["AreaUnderPrecisionRecallCurve"] = b.AreaUnderPrecisionRecallCurve;
                values["F1Score"] = b.F1Score;
                values["PositivePrecision"] = b.PositivePrecision;
                values["PositiveRecall"] = b.PositiveRecall;
                values["NegativePrecision"] = b.NegativePrecision;
                values["NegativeRecall"] = b.NegativeRecall;
                values["LogLoss"] = b.LogLoss;
                values["accuracy"] = b.Accuracy;
                return new TaskMetrics(values, null, b, null);
            }

            default:
            {
                if (columns != 1)
                {
                    throw new EdgeException(DiagnosticCatalog.Evaluation.OutputDoesNotFitTask, $"The model's first output has {columns} values per sample; a regression evaluation needs exactly 1.");
                }

                var r = RegressionMetrics.Compute(outputs.Select(v => (double)v).ToArray(), RealLabels(labels));
                values["MeanAbsoluteError"] = r.MeanAbsoluteError;
                values["MeanSquaredError"] = r.MeanSquaredError;
                values["RootMeanSquaredError"] = r.RootMeanSquaredError;
                values["RSquared"] = r.RSquared;
                return new TaskMetrics(values, null, null, r);
            }
        }
    }

    // Two columns: softmax (unless already probabilities) and take column 1. One column: a probability
    // when every value is in [0, 1], otherwise a logit passed through the sigmoid.
    private static double[] PositiveProbabilities(float[] outputs, int columns)
    {
        var samples = outputs.Length / columns;
        if (columns == 2)
        {
            var p = Softmax.AreProbabilities(outputs, samples, 2) ? outputs.Select(v => (double)v).ToArray() : Softmax.Rows(outputs, samples, 2);
            return Enumerable.Range(0, samples).Select(i => p[(2 * i) + 1]).ToArray();
        }

        var probabilities = outputs.All(v => v is >= 0 and <= 1);
        return outputs.Select(v => probabilities ? v : 1 / (1 + Math.Exp(-v))).ToArray();
    }

    private static long[] ClassLabels(Tensor labels, int classes, string dataName)
    {
        long[] values = labels.Data switch
        {
            long[] l => l,
            int[] i => i.Select(v => (long)v).ToArray(),
            byte[] b => b.Select(v => (long)v).ToArray(),
            sbyte[] s => s.Select(v => (long)v).ToArray(),
            bool[] b => b.Select(v => v ? 1L : 0L).ToArray(),
            float[] f when f.All(v => v == MathF.Round(v)) => f.Select(v => (long)v).ToArray(),
            double[] d when d.All(v => v == Math.Round(v)) => d.Select(v => (long)v).ToArray(),
            _ => throw new EdgeException(DiagnosticCatalog.Evaluation.LabelsDoNotFitTask, $"Data set '{dataName}' has {labels.ElementType} labels that are not class indices; classification needs integer labels."),
        };
        var bad = Array.FindIndex(values, v => v < 0 || v >= classes);
        if (bad >= 0)
        {
            throw new EdgeException(DiagnosticCatalog.Evaluation.LabelsDoNotFitTask, $"Data set '{dataName}': label {values[bad]} of sample {bad} is not a class index in [0, {classes}) (the model scores {classes} classes).");
        }

        return values;
    }

    private static double[] RealLabels(Tensor labels) => labels.Data switch
    {
        float[] f => f.Select(v => (double)v).ToArray(),
        double[] d => d,
        long[] l => l.Select(v => (double)v).ToArray(),
        int[] i => i.Select(v => (double)v).ToArray(),
        _ => throw new EdgeException(DiagnosticCatalog.Evaluation.LabelsDoNotFitTask, $"Labels of type {labels.ElementType} cannot be regression targets; use float32, float64 or integers."),
    };
}
