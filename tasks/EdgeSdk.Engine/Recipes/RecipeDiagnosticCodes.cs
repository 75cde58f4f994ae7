// Stable EDGE1xxx codes for recipe and target-profile mistakes. Codes never change meaning; new ones are
// appended. Each is listed with its meaning in recipes/README.md.
namespace EdgeSdk.Recipes;

/// <summary>Diagnostic codes of the recipe language.</summary>
internal static class RecipeDiagnosticCodes
{
    /// <summary>The recipe file does not exist or cannot be read.</summary>
    public const string RecipeNotFound = "EDGE1000";

    /// <summary>The file is not valid YAML.</summary>
    public const string YamlSyntax = "EDGE1001";

    /// <summary>A key the language does not know (with a did-you-mean).</summary>
    public const string UnknownKey = "EDGE1002";

    /// <summary>A value of the wrong type (text where a number belongs, a list where a mapping belongs …).</summary>
    public const string WrongType = "EDGE1003";

    /// <summary>A quantity with a missing or unknown unit.</summary>
    public const string BadUnit = "EDGE1004";

    /// <summary>A number outside its allowed range.</summary>
    public const string OutOfRange = "EDGE1005";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "EDGE1006";

    /// <summary>The <c>recipe:</c> version is not supported.</summary>
    public const string UnsupportedVersion = "EDGE1007";

    /// <summary>The named target profile does not exist.</summary>
    public const string UnknownTarget = "EDGE1008";

    /// <summary>The named pass kind does not exist.</summary>
    public const string UnknownPass = "EDGE1009";

    /// <summary>A pass needs a parameter the recipe does not set (also used by <c>PassParameters</c>).</summary>
    public const string MissingPassParameter = "EDGE1010";

    /// <summary>A value not among the allowed ones.</summary>
    public const string InvalidValue = "EDGE1011";

    /// <summary>A pass or budget needs a data set the recipe does not declare.</summary>
    public const string MissingDataSet = "EDGE1012";

    /// <summary>A file the recipe names does not exist.</summary>
    public const string FileNotFound = "EDGE1013";

    /// <summary>A <c>${Name}</c> reference to a property that is not defined.</summary>
    public const string UndefinedProperty = "EDGE1014";

    /// <summary>A key appears twice in one mapping, or two passes share a name.</summary>
    public const string Duplicate = "EDGE1015";

    /// <summary><c>extends</c> names a recipe that cannot be found, or recipes extend each other in a cycle.</summary>
    public const string BadExtends = "EDGE1016";

    /// <summary>A budget entry that does not say exactly one kind and limit.</summary>
    public const string BadBudget = "EDGE1017";

    /// <summary>A pass entry that does not name exactly one pass kind.</summary>
    public const string BadPassEntry = "EDGE1018";

    /// <summary>A target profile file is invalid.</summary>
    public const string BadTargetProfile = "EDGE1020";

    /// <summary>Mappings and lists are nested deeper than a recipe may nest (64 levels).</summary>
    public const string NestingTooDeep = "EDGE1021";

    /// <summary>YAML aliases expand to more nodes than a recipe may hold (an alias bomb), or an alias refers to the collection that contains it.</summary>
    public const string AliasExpansion = "EDGE1022";

    /// <summary>One scalar value is longer than a recipe value may be (64 KiB).</summary>
    public const string ScalarTooLong = "EDGE1023";
}
