// Content hashing for the step cache: a fingerprint is the sha256 of a canonical text listing what an
// output depends on, so that any change to model, parameters, data, target or engine version re-runs it.
using EdgeSdk.Pipeline;
using System.Security.Cryptography;
using System.Text;

namespace EdgeSdk.IO;

/// <summary>Builds fingerprints from ordered key/value parts.</summary>
internal sealed class Fingerprint
{
    private readonly StringBuilder _text = new();

    /// <summary>Gets the version of the engine (part of every fingerprint).</summary>
    public static string EngineVersion { get; } = typeof(Fingerprint).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>Adds a key and value.</summary>
    public Fingerprint Add(string key, string? value)
    {
        _text.Append(key).Append('=').Append(value?.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        return this;
    }

    /// <summary>Adds a file's content hash (or "missing").</summary>
    public Fingerprint AddFile(string key, string path) => Add(key, File.Exists(path) ? FileSha256(path) : "missing:" + path);

    /// <summary>Returns the sha256 of the canonical text.</summary>
    public string Compute() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_text.ToString())));

    /// <summary>Returns a file's sha256 in lower-case hex.</summary>
    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes <paramref name="fingerprint"/> to <paramref name="path"/> only when the content differs, so the file's timestamp changes only with its content.</summary>
    public static bool WriteIfChanged(string path, string fingerprint)
    {
        if (File.Exists(path) && File.ReadAllText(path) == fingerprint)
        {
            return false;
        }

        EdgeSdk.IO.AtomicFile.WriteAllText(path, fingerprint);
        return true;
    }
}
