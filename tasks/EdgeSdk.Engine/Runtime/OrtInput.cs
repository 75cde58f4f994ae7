// One input value handed to ORT and what keeps it valid: a tensor over a pinned managed array holds that
// array's one pin (no list to allocate on every Run), a sequence or map holds its members' pins. Disposing
// frees the native value first, then the pins, so ORT never reads memory the GC may move.
using System.Runtime.InteropServices;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>An input OrtValue and, when it wraps managed memory, the pins that keep that memory in place.</summary>
internal sealed class OrtInput : IDisposable
{
    private GCHandle pin;
    private List<GCHandle>? memberPins;

    /// <summary>Initializes a new instance of the <see cref="OrtInput"/> class for a value in ORT-owned memory.</summary>
    public OrtInput(Ort.OrtValue value) => Value = value;

    /// <summary>Initializes a new instance of the <see cref="OrtInput"/> class for a tensor over the array <paramref name="pin"/> holds.</summary>
    public OrtInput(Ort.OrtValue value, GCHandle pin)
    {
        Value = value;
        this.pin = pin;
    }

    /// <summary>Initializes a new instance of the <see cref="OrtInput"/> class for a sequence or map whose members read pinned arrays.</summary>
    public OrtInput(Ort.OrtValue value, List<GCHandle> memberPins)
    {
        Value = value;
        this.memberPins = memberPins;
    }

    /// <summary>Gets the value ORT reads.</summary>
    public Ort.OrtValue Value { get; }

    /// <summary>Gets whether the value reads managed memory in place (no copy).</summary>
    public bool IsPinned => pin.IsAllocated || memberPins is { Count: > 0 };

    /// <summary>Moves this input's pins to <paramref name="owner"/> (used when a sequence or map takes the value over).</summary>
    public void TransferPinsTo(List<GCHandle> owner)
    {
        if (pin.IsAllocated)
        {
            owner.Add(pin);
            pin = default;
        }

        if (memberPins is not null)
        {
            owner.AddRange(memberPins);
            memberPins.Clear();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Value.Dispose();
        if (pin.IsAllocated)
        {
            pin.Free();
            pin = default;
        }

        if (memberPins is not null)
        {
            foreach (var member in memberPins)
            {
                member.Free();
            }

            memberPins.Clear();
        }
    }
}
