// Cache settings resolve explicit values over environment variables over defaults, and reject bad
// values with a warning instead of failing: URLs that are not http(s) or carry credentials, booleans
// and timeouts that do not parse.
using EdgeSdk.Diagnostics;
using EdgeSdk.Caching;

namespace EdgeSdk.Tests.Caching;

public sealed class CacheSettingsTests
{
    private static CacheSettings Resolve(CacheSettingsInput input, Dictionary<string, string?> env, DiagnosticLog log) =>
        CacheSettings.Resolve(input, k => env.GetValueOrDefault(k), log.Report);

    [Fact]
    public void ExplicitValuesWinOverEnvironmentOverDefaults()
    {
        var log = new DiagnosticLog();
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = "/home/dev",
            [CacheEnvironment.Remote] = "http://ci-cache:9090/ci",
            [CacheEnvironment.RemoteWrite] = "false",
            [CacheEnvironment.RemoteTimeout] = "7.5",
        };

        var fromEnv = Resolve(new CacheSettingsInput(), env, log);
        fromEnv.LocalDirectory.Should().Be(OperatingSystem.IsWindows() ? fromEnv.LocalDirectory : "/home/dev/.cache/edgesdk");
        fromEnv.Remote.Should().Be(new Uri("http://ci-cache:9090/ci/"));
        fromEnv.RemoteWrite.Should().BeFalse();
        fromEnv.RemoteTimeout.Should().Be(TimeSpan.FromSeconds(7.5));

        var explicitly = Resolve(new CacheSettingsInput(Directory: "/tmp/c", Remote: "https://cache.example/team", RemoteWrite: "true"), env, log);
        explicitly.LocalDirectory.Should().Be(Path.GetFullPath("/tmp/c"));
        explicitly.Remote.Should().Be(new Uri("https://cache.example/team/"));
        explicitly.RemoteWrite.Should().BeTrue();
        log.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void XdgCacheHomeIsHonouredOnUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        CacheLocation.Default(k => k == "XDG_CACHE_HOME" ? "/var/cache/me" : "/home/x").Should().Be("/var/cache/me/edgesdk");
        CacheLocation.Default(k => k == "XDG_CACHE_HOME" ? "relative" : k == "HOME" ? "/home/x" : null).Should().Be("/home/x/.cache/edgesdk");
    }

    [Theory]
    [InlineData("ftp://cache/x", "http:// or https://")]
    [InlineData("not a url", "http:// or https://")]
    [InlineData("http://user:hunter2@cache:8080/x", "must not contain credentials")]
    [InlineData("http://cache:8080/x?token=1", "query")]
    public void BadRemoteUrlIsIgnoredWithAWarningThatNeverEchoesSecrets(string url, string expected)
    {
        var log = new DiagnosticLog();
        var settings = Resolve(new CacheSettingsInput(Remote: url), new() { ["HOME"] = "/h" }, log);

        settings.Remote.Should().BeNull();
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheSettingInvalid.Code);
        log.Warnings[0].Message.Should().Contain(expected).And.NotContain("hunter2");
    }

    [Fact]
    public void BadBooleansAndTimeoutsFallBackToDefaults()
    {
        var log = new DiagnosticLog();
        var settings = Resolve(new CacheSettingsInput(Enabled: "maybe", RemoteWrite: "nope", RemoteTimeout: "-3"), new() { ["HOME"] = "/h" }, log);

        settings.Enabled.Should().BeTrue();
        settings.RemoteWrite.Should().BeTrue();
        settings.RemoteTimeout.Should().Be(CacheSettings.DefaultTimeout);
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheSettingInvalid.Code, DiagnosticCatalog.Cache.CacheSettingInvalid.Code, DiagnosticCatalog.Cache.CacheSettingInvalid.Code);
    }

    [Theory]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("0", 0L)]
    [InlineData("1.5 KB", 1500L)]
    public void SizesParse(string text, long bytes) => ByteSize.TryParse(text).Should().Be(bytes);

    [Theory]
    [InlineData("-1MB")]
    [InlineData("12XB")]
    [InlineData("")]
    public void BadSizesDoNotParse(string text) => ByteSize.TryParse(text).Should().BeNull();
}
