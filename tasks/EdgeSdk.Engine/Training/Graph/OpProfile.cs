// Accumulates time per operator kind (forward and backward separately) so the training benchmark can
// say where a step's time goes. Off unless a caller attaches it to a plan.
using System.Diagnostics;

namespace EdgeSdk.Training.Graph;

/// <summary>Time per operator kind.</summary>
internal sealed class OpProfile
{
    private readonly SortedDictionary<string, double> _ms = new(StringComparer.Ordinal);

    /// <summary>Gets milliseconds by "OpKind forward|backward", ordered by name.</summary>
    public IReadOnlyDictionary<string, double> Milliseconds => _ms;

    /// <summary>Adds the time since <paramref name="start"/> to the operator's kind.</summary>
    public void Add(TrainingOp op, bool forward, long start)
    {
        var key = Kind(op) + (forward ? " forward" : " backward");
        _ms[key] = _ms.GetValueOrDefault(key) + Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Clears the totals.</summary>
    public void Reset() => _ms.Clear();

    private static string Kind(TrainingOp op)
    {
        if (op is Ops.ConvOp conv)
        {
            return "Conv(" + conv.Variant + ")";
        }

        return op.Node.OpType;
    }
}
