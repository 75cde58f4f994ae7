// The step index entry is a Remote Execution API ActionResult on the wire (field 2 output_files, each with
// field 1 path and field 2 digest{hash=1, size_bytes=2}), so bazel-remote's AC validation accepts it; it
// round-trips, and anything else parses as "not an entry" rather than throwing.
using EdgeSdk.Caching;

namespace EdgeSdk.Tests.Caching;

public sealed class StepCacheEntryTests
{
    private static readonly BlobDigest Model = new(new string('a', 64), 1234);
    private static readonly BlobDigest Record = new(new string('b', 64), 56);

    [Fact]
    public void EntryRoundTripsAndUsesTheActionResultFieldNumbers()
    {
        var bytes = new StepCacheEntry(Model, Record).ToBytes();

        StepCacheEntry.TryParse(bytes).Should().Be(new StepCacheEntry(Model, Record));
        bytes[0].Should().Be(0x12, "output_files is field 2, length-delimited");
        bytes[2].Should().Be(0x0A, "OutputFile.path is field 1");
        System.Text.Encoding.ASCII.GetString(bytes, 4, "model.onnx".Length).Should().Be("model.onnx");
        bytes[4 + "model.onnx".Length].Should().Be(0x12, "OutputFile.digest is field 2");
        StepCacheEntry.TryParse(StepCacheEntry.HostDependentMarker.ToBytes())!.IsHostDependentMarker.Should().BeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x20, 0x01 })] // exit_code 1
    [InlineData(new byte[0])]
    public void GarbageIsNotAnEntry(byte[] bytes) => StepCacheEntry.TryParse(bytes).Should().BeNull();
}
