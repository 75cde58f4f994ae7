// Assigns pooled float arrays to activations and activation gradients from their lifetimes on the
// step timeline (forward ops, the loss, backward ops in reverse), so a value's memory is reused as soon as
// neither the forward pass nor any backward kernel reads it anymore. Everything is allocated once per plan:
// a training step allocates nothing.
namespace EdgeSdk.Training.Graph;

/// <summary>One buffer request: a length and an inclusive [Start, End] lifetime in plan steps.</summary>
/// <param name="Length">Floats needed.</param>
/// <param name="Start">First step that writes it.</param>
/// <param name="End">Last step that reads it.</param>
/// <param name="Assign">Receives the array.</param>
internal sealed record BufferRequest(int Length, int Start, int End, Action<float[]> Assign);

/// <summary>Interval-based best-fit buffer pooling.</summary>
internal static class MemoryPlanner
{
    /// <summary>Gets or sets whether buffers are reused (tests turn reuse off to show pooling changes no result).</summary>
    public static bool Reuse { get; set; } = true;

    /// <summary>Assigns arrays to the requests and returns the total floats allocated (the plan's pooled peak).</summary>
    public static long Assign(IReadOnlyList<BufferRequest> requests)
    {
        var order = requests.Select((r, i) => (r, i)).OrderBy(x => x.r.Start).ThenByDescending(x => x.r.Length).ThenBy(x => x.i).Select(x => x.r).ToList();
        var free = new List<float[]>();
        var live = new List<(int End, float[] Array)>();
        long total = 0;
        foreach (var request in order)
        {
            for (var i = live.Count - 1; i >= 0; i--)
            {
                if (live[i].End < request.Start)
                {
                    free.Add(live[i].Array);
                    live.RemoveAt(i);
                }
            }

            var best = -1;
            for (var i = 0; i < free.Count; i++)
            {
                if (Reuse && free[i].Length >= request.Length && (best < 0 || free[i].Length < free[best].Length))
                {
                    best = i;
                }
            }

            float[] array;
            if (best >= 0)
            {
                array = free[best];
                free.RemoveAt(best);
            }
            else
            {
                array = new float[Math.Max(1, request.Length)];
                total += array.Length;
            }

            live.Add((request.End, array));
            request.Assign(array);
        }

        return total;
    }
}
