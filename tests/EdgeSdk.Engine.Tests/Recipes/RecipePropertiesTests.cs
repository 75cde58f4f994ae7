// The one property parser behind EdgeRecipeProperties, `validate -p` and `run -p`: what it accepts, and that
// a malformed entry (EDGE0020) and a name given twice (EDGE0021) are errors rather than guesses.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class RecipePropertiesTests
{
    [Fact]
    public void ParsesNameValueEntriesWithCaseInsensitiveNames()
    {
        var properties = RecipeProperties.Parse([" Data = a=b", "Empty=", "Path=/x/y z"], "--property");

        properties.Should().HaveCount(3);
        properties["data"].Should().Be(" a=b", "the name is trimmed, the value is kept as given after the first '='");
        properties["EMPTY"].Should().BeEmpty();
        properties["Path"].Should().Be("/x/y z");
    }

    [Fact]
    public void MSBuildListSkipsEmptyEntries()
    {
        var properties = RecipeProperties.ParseList("Configuration=Release;;  ;OutDir=bin/", "EdgeRecipeProperties");

        properties.Should().BeEquivalentTo(new Dictionary<string, string> { ["Configuration"] = "Release", ["OutDir"] = "bin/" });
    }

    [Fact]
    public void NameGivenTwiceIsAnErrorWithItsOwnCode()
    {
        var act = () => RecipeProperties.Parse(["A=1", "a=2"], "--property");

        var error = act.Should().Throw<EdgeException>().Which.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE0021");
        error.Message.Should().Contain("'A=1'").And.Contain("'a=2'");
    }

    [Fact]
    public void EveryMalformedEntryIsReportedAtTheGivenLocation()
    {
        var project = new SourceLocation("/p/app.csproj");
        var act = () => RecipeProperties.ParseList("A;=1;B=2;B=3", "EdgeRecipeProperties", project);

        var errors = act.Should().Throw<EdgeException>().Which.Diagnostics;
        errors.Select(d => d.Code).Should().Equal("EDGE0020", "EDGE0020", "EDGE0021");
        errors.Should().OnlyContain(d => d.Location == project && d.Severity == DiagnosticSeverity.Error);
        errors[0].Message.Should().Contain("EdgeRecipeProperties 'A' must be written Name=Value");
    }
}
