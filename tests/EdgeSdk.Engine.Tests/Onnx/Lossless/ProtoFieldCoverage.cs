// Lists which fields of the ONNX schema a message tree sets, by reflection over the generated descriptors,
// so a test can prove that a model really exercises every field of every message.
using EdgeSdk.Onnx.Proto;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace EdgeSdk.Engine.Tests.Onnx.Lossless;

internal static class ProtoFieldCoverage
{
    public static SortedSet<string> AllFields()
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        void Add(MessageDescriptor m)
        {
            foreach (var f in m.Fields.InDeclarationOrder())
            {
                result.Add(f.FullName);
            }

            foreach (var nested in m.NestedTypes)
            {
                Add(nested);
            }
        }

        foreach (var m in OnnxReflection.Descriptor.MessageTypes)
        {
            Add(m);
        }

        return result;
    }

    public static SortedSet<string> SetFields(IMessage root)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        Visit(root, result);
        return result;
    }

    private static void Visit(IMessage message, SortedSet<string> result)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)value;
                if (list.Count > 0)
                {
                    result.Add(field.FullName);
                }

                foreach (var item in list)
                {
                    if (item is IMessage child)
                    {
                        Visit(child, result);
                    }
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                if (value is IMessage child)
                {
                    result.Add(field.FullName);
                    Visit(child, result);
                }
            }
            else if (field.RealContainingOneof is not null ? field.Accessor.HasValue(message) : !IsDefault(value))
            {
                result.Add(field.FullName);
            }
        }
    }

    private static bool IsDefault(object value) => value switch
    {
        string s => s.Length == 0,
        ByteString b => b.IsEmpty,
        bool b => !b,
        float f => f == 0,
        double d => d == 0,
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0,
    };
}
