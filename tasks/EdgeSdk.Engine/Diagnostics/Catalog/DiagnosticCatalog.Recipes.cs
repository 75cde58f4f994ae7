// The Recipes section of the diagnostics catalogue (Recipes). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Recipes area.</summary>
    [Description("Recipes")]
    internal static class Recipes
    {
        /// <summary>EDGE1000 Recipe not found.</summary>
        public static readonly DiagnosticDescriptor RecipeNotFound = new("EDGE1000", DiagnosticSeverity.Error, "Recipe not found",
            "The recipe file does not exist or cannot be read.");

        /// <summary>EDGE1001 YAML syntax.</summary>
        public static readonly DiagnosticDescriptor YamlSyntax = new("EDGE1001", DiagnosticSeverity.Error, "YAML syntax",
            "The file is not valid YAML.");

        /// <summary>EDGE1002 Unknown key.</summary>
        public static readonly DiagnosticDescriptor UnknownKey = new("EDGE1002", DiagnosticSeverity.Error, "Unknown key",
            "A key the language does not know (with a did-you-mean).");

        /// <summary>EDGE1003 Wrong type.</summary>
        public static readonly DiagnosticDescriptor WrongType = new("EDGE1003", DiagnosticSeverity.Error, "Wrong type",
            "A value of the wrong type (text where a number belongs, a list where a mapping belongs …).");

        /// <summary>EDGE1004 Bad unit.</summary>
        public static readonly DiagnosticDescriptor BadUnit = new("EDGE1004", DiagnosticSeverity.Error, "Bad unit",
            "A quantity with a missing or unknown unit.");

        /// <summary>EDGE1005 Out of range.</summary>
        public static readonly DiagnosticDescriptor OutOfRange = new("EDGE1005", DiagnosticSeverity.Error, "Out of range",
            "A number outside its allowed range.");

        /// <summary>EDGE1006 Missing key.</summary>
        public static readonly DiagnosticDescriptor MissingKey = new("EDGE1006", DiagnosticSeverity.Error, "Missing key",
            "A required key is missing.");

        /// <summary>EDGE1007 Unsupported version.</summary>
        public static readonly DiagnosticDescriptor UnsupportedVersion = new("EDGE1007", DiagnosticSeverity.Error, "Unsupported version",
            "The `recipe:` version is not supported.");

        /// <summary>EDGE1008 Unknown target.</summary>
        public static readonly DiagnosticDescriptor UnknownTarget = new("EDGE1008", DiagnosticSeverity.Error, "Unknown target",
            "The named target profile does not exist.");

        /// <summary>EDGE1009 Unknown pass.</summary>
        public static readonly DiagnosticDescriptor UnknownPass = new("EDGE1009", DiagnosticSeverity.Error, "Unknown pass",
            "The named pass kind does not exist.");

        /// <summary>EDGE1010 Missing pass parameter.</summary>
        public static readonly DiagnosticDescriptor MissingPassParameter = new("EDGE1010", DiagnosticSeverity.Error, "Missing pass parameter",
            "A pass option without a default is not set in the pass entry (reported when the recipe loads).");

        /// <summary>EDGE1011 Invalid value.</summary>
        public static readonly DiagnosticDescriptor InvalidValue = new("EDGE1011", DiagnosticSeverity.Error, "Invalid value",
            "A value not among the allowed ones.");

        /// <summary>EDGE1012 Missing data set.</summary>
        public static readonly DiagnosticDescriptor MissingDataSet = new("EDGE1012", DiagnosticSeverity.Error, "Missing data set",
            "A pass or budget needs a data set the recipe does not declare.");

        /// <summary>EDGE1013 File not found.</summary>
        public static readonly DiagnosticDescriptor FileNotFound = new("EDGE1013", DiagnosticSeverity.Error, "File not found",
            "A file the recipe names does not exist.");

        /// <summary>EDGE1014 Undefined property.</summary>
        public static readonly DiagnosticDescriptor UndefinedProperty = new("EDGE1014", DiagnosticSeverity.Error, "Undefined property",
            "A `${Name}` reference to a property that is not defined.");

        /// <summary>EDGE1015 Duplicate key or name.</summary>
        public static readonly DiagnosticDescriptor Duplicate = new("EDGE1015", DiagnosticSeverity.Error, "Duplicate key or name",
            "A key appears twice in one mapping, or two passes share a name.");

        /// <summary>EDGE1016 Bad extends.</summary>
        public static readonly DiagnosticDescriptor BadExtends = new("EDGE1016", DiagnosticSeverity.Error, "Bad extends",
            "`extends` names a recipe that cannot be found, or recipes extend each other in a cycle.");

        /// <summary>EDGE1017 Bad budget.</summary>
        public static readonly DiagnosticDescriptor BadBudget = new("EDGE1017", DiagnosticSeverity.Error, "Bad budget",
            "A budget entry that does not say exactly one kind and limit.");

        /// <summary>EDGE1018 Bad pass entry.</summary>
        public static readonly DiagnosticDescriptor BadPassEntry = new("EDGE1018", DiagnosticSeverity.Error, "Bad pass entry",
            "A pass entry that does not name exactly one pass kind.");

        /// <summary>EDGE1020 Bad target profile.</summary>
        public static readonly DiagnosticDescriptor BadTargetProfile = new("EDGE1020", DiagnosticSeverity.Error, "Bad target profile",
            "A target profile file is invalid.");

        /// <summary>EDGE1021 Nesting too deep.</summary>
        public static readonly DiagnosticDescriptor NestingTooDeep = new("EDGE1021", DiagnosticSeverity.Error, "Nesting too deep",
            "Mappings and lists are nested more than 64 levels deep; a recipe nests a few. Flatten the file.");

        /// <summary>EDGE1022 Alias expansion.</summary>
        public static readonly DiagnosticDescriptor AliasExpansion = new("EDGE1022", DiagnosticSeverity.Error, "Alias expansion",
            "YAML aliases expand to more than 100,000 values (an alias bomb), or an alias refers to the collection that contains it. Write the values out.");

        /// <summary>EDGE1023 Scalar too long.</summary>
        public static readonly DiagnosticDescriptor ScalarTooLong = new("EDGE1023", DiagnosticSeverity.Error, "Value too long",
            "One value in a recipe is longer than 64 KiB. Shorten it.");
    }
}
