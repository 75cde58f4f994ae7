// The device profiles in targets/: all load without errors, every figure has a source, and the
// quantization defaults follow the hardware (reduce_range only where VNNI is missing, symmetric int8 for
// TensorRT). Broken profiles give located errors.
using EdgeSdk.Targets;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class TargetCatalogTests
{
    private static readonly TargetCatalog Catalog = TargetCatalog.Load(Path.Combine(TestPaths.RepoRoot, "targets"));

    [Fact]
    public void EveryStockProfileLoadsWithASourceForEachFigure()
    {
        Catalog.Diagnostics.Should().BeEmpty();
        Catalog.Names.Should().Equal("apple-m1", "jetson-orin-nano", "rpi4", "rpi5", "stm32h7", "x86-avx2", "x86-avx512-vnni");
        foreach (var profile in Catalog.Profiles)
        {
            profile.Sources.Keys.Should().BeEquivalentTo(TargetProfileReader.SourcedFigures, profile.Name);
            profile.Sources.Values.Should().OnlyContain(s => s.StartsWith("https://"), profile.Name);
            profile.PeakFp32Gflops.Should().BePositive(profile.Name);
            profile.PeakInt8Gops.Should().BePositive(profile.Name);
            profile.Description.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void FiguresAreInCanonicalUnits()
    {
        var rpi5 = Catalog.Find("rpi5")!;
        rpi5.Cores.Should().Be(4);
        rpi5.ClockGHz.Should().Be(2.4);
        rpi5.RamBytes.Should().Be(8_000_000_000);
        rpi5.PeakFp32Gflops.Should().BeApproximately(4 * 2.4 * 16, 1e-9);
        rpi5.PeakInt8Gops.Should().BeApproximately(4 * 2.4 * 64, 1e-9);
        rpi5.HasFeature("dotprod").Should().BeTrue();

        var mcu = Catalog.Find("stm32h7")!;
        mcu.ClockGHz.Should().BeApproximately(0.48, 1e-12);
        mcu.StorageBytes.Should().Be(2_000_000);
        mcu.ExecutionProviders.Should().BeEmpty();

        Catalog.Find("jetson-orin-nano")!.PeakFp32Gflops.Should().BeApproximately(2090, 1e-9);
    }

    [Fact]
    public void QuantizationDefaultsFollowTheHardware()
    {
        Catalog.Find("x86-avx2")!.Quantization.Should().Be(new QuantizationDefaults { WeightBits = 7, ReduceRange = true, ActivationType = "uint8" });
        Catalog.Find("x86-avx512-vnni")!.Quantization.Should().Be(new QuantizationDefaults { WeightBits = 8, ReduceRange = false, ActivationType = "uint8" });
        Catalog.Find("jetson-orin-nano")!.Quantization.Should().Be(new QuantizationDefaults { ActivationType = "int8", ActivationSymmetric = true });
        Catalog.Find("stm32h7")!.Quantization.ActivationType.Should().Be("int8");
        Catalog.Profiles.Where(p => !p.HasFeature("avx512_vnni") && p.HasFeature("avx2")).Should().OnlyContain(p => p.Quantization.ReduceRange);
        Catalog.Profiles.Where(p => p.HasFeature("neon")).Should().OnlyContain(p => !p.Quantization.ReduceRange);
    }

    [Fact]
    public void BrokenProfilesGiveLocatedErrors()
    {
        var dir = TestPaths.NewTempDir("targets");
        File.WriteAllText(Path.Combine(dir, "board.yaml"), """
            name: bord
            isa: [neon]
            cores: 4
            clock: {value: 1.8 GHz}
            ram: {value: 4 GB, source: x}
            storage: {value: 4 GB, source: x}
            peak_fp32: {value: 10 GFLOP, source: x}
            peak_int8: {value: 10 GOPS, source: x}
            memory_bandwidth: {value: 1 GB/s, source: x}
            quantisation: {}
            """.ReplaceLineEndings("\n"));

        var catalog = TargetCatalog.Load(dir);

        catalog.Profiles.Should().BeEmpty();
        string.Join("; ", catalog.Diagnostics.Select(d => $"{d.Code}@{d.Location!.Line},{d.Location.Column}"))
            .Should().Be("EDGE1020@1,7; EDGE1003@3,8; EDGE1006@4,8; EDGE1004@7,20; EDGE1002@10,1");
        catalog.Diagnostics.Last().Message.Should().Contain("Did you mean 'quantization'?");
    }
}
