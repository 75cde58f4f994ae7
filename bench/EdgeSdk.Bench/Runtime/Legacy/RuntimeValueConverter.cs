// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Converts RuntimeValue trees to and from native OrtValues: tensors through OrtValueConverter, sequences
// and maps through CreateValue/GetValue, and an empty optional from HasValue.
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Native conversions for <see cref="RuntimeValue"/>.</summary>
internal static unsafe class RuntimeValueConverter
{
    /// <summary>Creates an owned OrtValue for <paramref name="value"/> (the caller releases it).</summary>
    /// <param name="library">The loaded runtime.</param>
    /// <param name="value">The value.</param>
    /// <param name="name">The input's name, for errors.</param>
    /// <param name="declared">The declared input, which gives the element type of an empty sequence.</param>
    public static nint ToOrtValue(OrtLibrary library, RuntimeValue value, string name, ValueMetadata? declared = null)
    {
        if (value.Kind == OnnxValueKind.Tensor)
        {
            return OrtValueConverter.ToOrtValue(library, value.Tensor!, name);
        }

        if (value.Kind == OnnxValueKind.Sequence && value.Items.Count == 0 && declared is { Kind: OnnxValueKind.Sequence, ElementType: not TensorElementType.Undefined })
        {
            return EmptySequenceFactory.Create(declared.ElementType);
        }

        if (!value.HasValue || value.Items.Count == 0)
        {
            throw new EdgeException(
                DiagnosticCatalog.Runtime.UnsupportedValue,
                $"Input '{name}' is {(value.HasValue ? "an empty " + value.Kind : "an optional holding nothing")}, which ONNX Runtime's C API cannot create. Omit an empty optional input from the feed; an empty sequence needs a declared sequence-of-tensor input.");
        }

        var api = library.Api;
        var items = new nint[value.Items.Count];
        try
        {
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = ToOrtValue(library, value.Items[i], $"{name}[{i}]");
            }

            nint result;
            fixed (nint* p = items)
            {
                OrtStatus.Check(api, api.CreateValue(p, (nuint)items.Length, (int)value.Kind, &result), $"creating the {value.Kind} input '{name}'");
            }

            return result;
        }
        finally
        {
            foreach (var item in items)
            {
                if (item != 0)
                {
                    api.ReleaseValue(item);
                }
            }
        }
    }

    /// <summary>Reads a native value (which may be NULL for an absent optional output) into a <see cref="RuntimeValue"/>.</summary>
    public static RuntimeValue FromOrtValue(OrtLibrary library, nint value, string name)
    {
        if (value == 0)
        {
            return RuntimeValue.None;
        }

        var api = library.Api;
        int hasValue;
        OrtStatus.Check(api, api.HasValue(value, &hasValue), $"checking whether '{name}' holds a value");
        if (hasValue == 0)
        {
            return RuntimeValue.None;
        }

        var kind = OrtOutputReader.KindOf(api, value, name);
        switch (kind)
        {
            case OnnxValueKind.Tensor:
                return RuntimeValue.FromTensor(OrtValueConverter.ToTensor(library, value, name));
            case OnnxValueKind.Sequence:
            case OnnxValueKind.Map:
                nuint count;
                OrtStatus.Check(api, api.GetValueCount(value, &count), $"counting the items of '{name}'");
                var items = new List<RuntimeValue>((int)count);
                for (var i = 0; i < (int)count; i++)
                {
                    nint item;
                    OrtStatus.Check(api, api.GetValue(value, i, library.DefaultAllocator, &item), $"reading item {i} of '{name}'");
                    try
                    {
                        items.Add(FromOrtValue(library, item, $"{name}[{i}]"));
                    }
                    finally
                    {
                        api.ReleaseValue(item);
                    }
                }

                return kind == OnnxValueKind.Sequence ? RuntimeValue.Sequence(items) : RuntimeValue.Map(items[0].Tensor!, items[1].Tensor!);
            default:
                throw new EdgeException(DiagnosticCatalog.Runtime.UnsupportedValue, $"'{name}' is a {kind} value, which the ONNX Runtime binding does not read.");
        }
    }
}
