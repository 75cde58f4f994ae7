// A TimeProvider the test moves by hand, for throttling and duration logic.
namespace EdgeSdk.Engine.Tests.Evaluation;

internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
