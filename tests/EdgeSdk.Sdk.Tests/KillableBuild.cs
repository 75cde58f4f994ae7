// A real `dotnet build` the fault tests can interrupt: started as the leader of its own process group (setsid),
// so a signal reaches MSBuild's worker nodes and task hosts too, as a Ctrl-C in a terminal or a CI runner's kill
// would; its output is captured line by line so a test can wait for a point of the build ("step 1/2",
// "evaluating") or for a file to appear, then send SIGKILL, SIGINT or SIGTERM at that moment.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeSdk.Sdk.Tests;

/// <summary>A <c>dotnet</c> process in its own process group.</summary>
internal sealed partial class KillableBuild : IDisposable
{
    /// <summary>SIGINT (Ctrl-C).</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL (kill -9).</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KillableBuild(Process process) => _process = process;

    /// <summary>Gets everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Gets whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="args"/></c> in <paramref name="directory"/> as a new process group.</summary>
    public static KillableBuild Start(string directory, params string[] args)
    {
        var psi = new ProcessStartInfo("setsid") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("dotnet");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        SdkPackageFixture.PrepareEnvironment(psi, new Dictionary<string, string?>());
        var build = new KillableBuild(Process.Start(psi)!);
        build._process.OutputDataReceived += (_, e) => build.Append(e.Data);
        build._process.ErrorDataReceived += (_, e) => build.Append(e.Data);
        build._process.BeginOutputReadLine();
        build._process.BeginErrorReadLine();
        return build;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked as often as possible) or the process exits; returns whether it held.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            if (_process.HasExited)
            {
                return condition();
            }

            Thread.SpinWait(200);
        }

        return false;
    }

    /// <summary>Waits until the output holds <paramref name="text"/> (or the process exits); returns whether it appeared.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout) => WaitUntil(() => Output.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Sends <paramref name="signal"/> to the whole process group.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            _ = Kill(-_process.Id, signal);
        }
    }

    /// <summary>Waits for the process to end (killing its group after <paramref name="timeout"/>) and returns its exit code, or null when it had to be killed.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Signal(SigKill);
            _process.WaitForExit();
            return null;
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Signal(SigKill);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
