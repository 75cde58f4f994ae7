// Typed access to NodeProto attributes (read with defaults, write replacing), so passes don't repeat
// AttributeProto plumbing.
using EdgeSdk.Onnx.Proto;
using Google.Protobuf;

namespace EdgeSdk.Onnx;

/// <summary>Reads and writes node attributes.</summary>
internal static class NodeAttributes
{
    /// <summary>Returns the attribute or null.</summary>
    public static AttributeProto? Find(this NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    /// <summary>Reads an INT attribute.</summary>
    public static long GetInt(this NodeProto node, string name, long defaultValue) => node.Find(name)?.I ?? defaultValue;

    /// <summary>Reads a FLOAT attribute.</summary>
    public static float GetFloat(this NodeProto node, string name, float defaultValue) => node.Find(name)?.F ?? defaultValue;

    /// <summary>Reads a STRING attribute.</summary>
    public static string GetString(this NodeProto node, string name, string defaultValue) => node.Find(name)?.S.ToStringUtf8() ?? defaultValue;

    /// <summary>Reads an INTS attribute, or null when absent.</summary>
    public static long[]? GetInts(this NodeProto node, string name) => node.Find(name)?.Ints.ToArray();

    /// <summary>Reads a FLOATS attribute, or null when absent.</summary>
    public static float[]? GetFloats(this NodeProto node, string name) => node.Find(name)?.Floats.ToArray();

    /// <summary>Sets an INT attribute.</summary>
    public static void SetInt(this NodeProto node, string name, long value) => Replace(node, new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>Sets a FLOAT attribute.</summary>
    public static void SetFloat(this NodeProto node, string name, float value) => Replace(node, new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    /// <summary>Sets a STRING attribute.</summary>
    public static void SetString(this NodeProto node, string name, string value) => Replace(node, new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>Sets an INTS attribute.</summary>
    public static void SetInts(this NodeProto node, string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        Replace(node, a);
    }

    /// <summary>Removes an attribute if present.</summary>
    public static void RemoveAttribute(this NodeProto node, string name)
    {
        var a = node.Find(name);
        if (a is not null)
        {
            node.Attribute.Remove(a);
        }
    }

    private static void Replace(NodeProto node, AttributeProto attribute)
    {
        var existing = node.Find(attribute.Name);
        if (existing is null)
        {
            node.Attribute.Add(attribute);
        }
        else
        {
            node.Attribute[node.Attribute.IndexOf(existing)] = attribute;
        }
    }
}
