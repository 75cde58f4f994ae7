// The ONNX models section of the diagnostics catalogue (Onnx). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the ONNX models area.</summary>
    [Description("ONNX models")]
    internal static class Onnx
    {
        /// <summary>EDGE4001 Malformed model.</summary>
        public static readonly DiagnosticDescriptor MalformedModel = new("EDGE4001", DiagnosticSeverity.Error, "Malformed model",
            "An ONNX model file is malformed.");

        /// <summary>EDGE4002 Unsupported operator.</summary>
        public static readonly DiagnosticDescriptor UnsupportedOperator = new("EDGE4002", DiagnosticSeverity.Error, "Unsupported operator",
            "An ONNX model uses an operator or construct a pass does not support.");

        /// <summary>EDGE4010 Missing IR version.</summary>
        public static readonly DiagnosticDescriptor MissingIrVersion = new("EDGE4010", DiagnosticSeverity.Error, "Missing IR version",
            "The model has no ir_version.");

        /// <summary>EDGE4011 Missing opset.</summary>
        public static readonly DiagnosticDescriptor MissingOpset = new("EDGE4011", DiagnosticSeverity.Error, "Missing opset",
            "The model imports no opset at all, imports a domain twice, or imports one with a version below 1.");

        /// <summary>EDGE4012 Dangling input.</summary>
        public static readonly DiagnosticDescriptor DanglingInput = new("EDGE4012", DiagnosticSeverity.Error, "Dangling input",
            "A node reads a value that no node, graph input or initializer provides.");

        /// <summary>EDGE4013 Graph cycle.</summary>
        public static readonly DiagnosticDescriptor GraphCycle = new("EDGE4013", DiagnosticSeverity.Error, "Graph cycle",
            "The graph has a cycle.");

        /// <summary>EDGE4014 Duplicate value name.</summary>
        public static readonly DiagnosticDescriptor DuplicateValueName = new("EDGE4014", DiagnosticSeverity.Error, "Duplicate value name",
            "A value name is defined twice (two producers, initializer and producer, two initializers, two inputs).");

        /// <summary>EDGE4015 Domain not imported.</summary>
        public static readonly DiagnosticDescriptor DomainNotImported = new("EDGE4015", DiagnosticSeverity.Error, "Domain not imported",
            "A node's domain is not imported by the model.");

        /// <summary>EDGE4016 Operator newer than opset.</summary>
        public static readonly DiagnosticDescriptor OperatorNewerThanOpset = new("EDGE4016", DiagnosticSeverity.Error, "Operator newer than opset",
            "A node's operator was introduced in a later opset than the one the model imports.");

        /// <summary>EDGE4017 Version too new.</summary>
        public static readonly DiagnosticDescriptor VersionTooNew = new("EDGE4017", DiagnosticSeverity.Error, "Version too new",
            "The model's IR version or ai.onnx opset is newer than ONNX Runtime 1.30 loads (IR version 13, opset 26): ONNX Runtime refuses the model. Export with an older IR version or opset.");

        /// <summary>EDGE4018 Output not produced.</summary>
        public static readonly DiagnosticDescriptor OutputNotProduced = new("EDGE4018", DiagnosticSeverity.Error, "Output not produced",
            "A graph output is not produced by any node, input or initializer.");

        /// <summary>EDGE4019 Not topologically sorted.</summary>
        public static readonly DiagnosticDescriptor NotTopologicallySorted = new("EDGE4019", DiagnosticSeverity.Warning, "Not topologically sorted",
            "Nodes are not listed in topological order (ONNX requires it; ONNX Runtime sorts itself).");

        /// <summary>EDGE4020 Missing name.</summary>
        public static readonly DiagnosticDescriptor MissingName = new("EDGE4020", DiagnosticSeverity.Error, "Missing name",
            "A node has no op_type, or a value has an empty name where one is required.");

        /// <summary>EDGE4021 Attribute invalid.</summary>
        public static readonly DiagnosticDescriptor AttributeInvalid = new("EDGE4021", DiagnosticSeverity.Error, "Attribute invalid",
            "A node attribute has no name, no type, or a name used twice on the same node.");

        /// <summary>EDGE4022 Unknown operator.</summary>
        public static readonly DiagnosticDescriptor UnknownOperator = new("EDGE4022", DiagnosticSeverity.Error, "Unknown operator",
            "A node uses an operator that neither the ONNX standard nor ONNX Runtime's contrib domains define (a typo, or a custom operator without its library). ONNX Runtime cannot load the model.");

        /// <summary>EDGE4023 Initializer data mismatch.</summary>
        public static readonly DiagnosticDescriptor InitializerDataMismatch = new("EDGE4023", DiagnosticSeverity.Error, "Initializer data mismatch",
            "An initializer stores more or fewer values (or bytes) than its declared type and shape need. The model is corrupt; re-export it.");

        /// <summary>EDGE4024 Non-finite weights.</summary>
        public static readonly DiagnosticDescriptor NonFiniteWeights = new("EDGE4024", DiagnosticSeverity.Warning, "Non-finite weights",
            "A weight (initializer) holds NaN or infinity, which poisons every output it reaches. Check the training run or the export.");

        /// <summary>EDGE4025 Declared tensor size invalid.</summary>
        public static readonly DiagnosticDescriptor DeclaredSizeInvalid = new("EDGE4025", DiagnosticSeverity.Error, "Declared tensor size invalid",
            "A tensor declares a shape with a negative dimension or one whose size overflows. Refused before anything is allocated; the model is corrupt.");


        /// <summary>EDGE4030 External data escapes.</summary>
        public static readonly DiagnosticDescriptor ExternalDataEscapes = new("EDGE4030", DiagnosticSeverity.Error, "External data escapes",
            "An external data location is absolute or leaves the model's folder.");

        /// <summary>EDGE4031 External data invalid.</summary>
        public static readonly DiagnosticDescriptor ExternalDataInvalid = new("EDGE4031", DiagnosticSeverity.Error, "External data invalid",
            "An external data file is missing, or the offset/length lies outside it, or its fields are malformed.");

        /// <summary>EDGE4032 Save failed.</summary>
        public static readonly DiagnosticDescriptor SaveFailed = new("EDGE4032", DiagnosticSeverity.Error, "Save failed",
            "A model could not be saved (too large even with external data, or bad save options).");

        /// <summary>EDGE4033 ORT format not canonical.</summary>
        public static readonly DiagnosticDescriptor OrtFormatNotCanonical = new("EDGE4033", DiagnosticSeverity.Warning, "ORT format not canonical",
            "`model.ort` could not be rewritten into its canonical byte layout: the file ONNX Runtime wrote is truncated or malformed, or is laid out in a way the canonicalizer does not know (another ONNX Runtime version). ONNX Runtime's own bytes are kept: the model is correct, but two builds of the same model may give `model.ort` files that differ in a few hundred bytes. Report it with the ONNX Runtime version.");
    }
}
