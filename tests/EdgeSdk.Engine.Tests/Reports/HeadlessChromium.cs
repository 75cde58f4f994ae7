// Runs Debian's headless Chromium on a local page with a fresh profile: returns the rendered DOM and
// writes a screenshot. Flags keep it offline and quiet (no sandbox in containers, no GPU, no sync).
using System.Diagnostics;

namespace EdgeSdk.Engine.Tests.Reports;

internal static class HeadlessChromium
{
    public static string Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed; run 'apt-get install -y chromium'.");

    /// <summary>Renders <paramref name="htmlPath"/>, writes <paramref name="screenshotPath"/> and returns the DOM after rendering.</summary>
    public static string Render(string htmlPath, string screenshotPath, int width, int height)
    {
        var profile = Path.Combine(Path.GetTempPath(), $"edgesdk-chromium-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}", $"--window-size={width},{height}",
            $"--screenshot={screenshotPath}", "--dump-dom", new Uri(htmlPath).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within 2 minutes.");
            }

            if (process.ExitCode != 0 || !File.Exists(screenshotPath))
            {
                throw new InvalidOperationException($"Chromium failed ({process.ExitCode}): {stderr.Result}");
            }

            return dom;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
