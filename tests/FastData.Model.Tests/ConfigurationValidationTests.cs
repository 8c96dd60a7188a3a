using FastData.Model.Configuration;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class ConfigurationValidationTests
{
    private static ConfigurationLoadResult Load(string fixture) => FastDataConfigurationLoader.Load(RepositoryPaths.Fixture(fixture));

    private static ConfigurationError SingleError(string fixture, string file, string jsonPath, string messagePart)
    {
        var result = Load(fixture);
        Assert.False(result.IsValid);
        Assert.Null(result.Model);
        var all = string.Join(Environment.NewLine, result.Errors);
        var error = Assert.Single(result.Errors, e => e.File == file && e.JsonPath == jsonPath && e.Message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(result.Errors.Count == 1, $"expected one error, got:{Environment.NewLine}{all}");
        return error;
    }

    [Fact]
    public void Load_ValidMinimal_HasNoErrors()
    {
        var result = Load("valid-minimal");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["sv-people"], result.Model!.SingleViews.Keys);
    }

    [Fact]
    public void Load_UnknownProjectionInErSchema_ReportsItsPath()
    {
        SingleError("unknown-projection", "erSchema.json", "$.config.animals", "unknown projection 'animals'");
    }

    [Fact]
    public void Load_MappingNamesUnknownField_ReportsIt()
    {
        SingleError("unknown-field", "singleViews/sv-people/aggregation.json", "$.config.SV_CONFIG.mapping.AGE", "unknown field 'AGE' of projection 'people'");
    }

    [Fact]
    public void Load_TopLevelMappingNamedLikeStorageMetadata_ReportsItButNotNestedOnes()
    {
        SingleError("reserved-mapping-name", "singleViews/sv-people/aggregation.json", "$.config.SV_CONFIG.mapping.updatedAt", "'updatedAt' is reserved for storage metadata");
    }

    [Fact]
    public void Load_ConditionFieldMissingFromProjection_ReportsIt()
    {
        var result = Load("condition-field-missing");

        Assert.Contains(result.Errors, e => e.File == "erSchema.json"
            && e.JsonPath == "$.config.people.outgoing.pets.conditions.person_to_pets.condition.OWNER"
            && e.Message.Contains("unknown field 'OWNER' of projection 'pets'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OnNamesNoCondition_ReportsIt()
    {
        SingleError("on-unknown-condition", "singleViews/sv-people/aggregation.json", "$.config.SV_CONFIG.dependencies.pets.on", "'person_to_cats' names no ER condition");
    }

    [Fact]
    public void Load_OneToManyBothWays_ReportsIt()
    {
        SingleError("one-to-many-both-ways", "erSchema.json", "$.config.pets.outgoing.people.conditions.pet_to_person.oneToMany", "one-to-many in both directions");
    }

    [Fact]
    public void Load_UnknownCastFunction_ReportsPathLineAndColumn()
    {
        var error = SingleError("unknown-cast", "projections.json", "$.config.people.fields.EMAIL.castFunction", "unknown cast function 'to-email'");

        Assert.Equal(24, error.Line);
        Assert.Equal(11, error.Column);
        Assert.Equal("projections.json(24,11): $.config.people.fields.EMAIL.castFunction: unknown cast function 'to-email'", error.ToString());
    }

    [Fact]
    public void Load_UnknownFromFileFunction_ReportsIt()
    {
        SingleError("unknown-function", "singleViews/sv-people/aggregation.json", "$.config.SV_CONFIG.mapping.petCount", "unknown function 'petCount'");
    }

    [Fact]
    public void Load_RegisteredFromFileFunction_IsAccepted()
    {
        var functions = new CustomFunctionRegistry().AddAggregationFunction("petCount", _ => 0);

        var result = FastDataConfigurationLoader.Load(RepositoryPaths.Fixture("unknown-function"), functions);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void Load_ConfigDependencyCycle_ReportsTheCycle()
    {
        var result = Load("config-cycle");

        Assert.Contains(result.Errors, e => e.File == "singleViews/sv-people/aggregation.json"
            && e.Message.Contains("config dependency cycle: PETS -> OWNERS -> PETS", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateNames_ReportsDuplicateFieldAndTopic()
    {
        var result = Load("duplicate-names");

        Assert.Contains(result.Errors, e => e.JsonPath == "$.config.people.fields.NAME" && e.Message.Contains("duplicate name 'NAME'", StringComparison.Ordinal) && e.Line == 9);
        Assert.Contains(result.Errors, e => e.JsonPath == "$.config.pets.topic" && e.Message.Contains("duplicate topic 'src.people'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnsupportedVersion_ReportsIt()
    {
        SingleError("unsupported-version", "singleViews/sv-people/aggregation.json", "$.version", "unsupported version '2.0.0'");
    }

    [Fact]
    public void Load_MalformedJson_ReportsLineAndColumn()
    {
        var result = Load("malformed-json");

        var error = Assert.Single(result.Errors, e => e.File == "erSchema.json");
        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void Load_MissingFile_ReportsIt()
    {
        SingleError("missing-file", "singleViews/sv-people/singleViewKey.json", "$", "the file is missing");
    }

    [Fact]
    public void Load_WrongTypes_ReportsEach()
    {
        var result = Load("wrong-type");

        Assert.Contains(result.Errors, e => e.JsonPath == "$.config.people.fields.NAME.required" && e.Message.Contains("must be true or false", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.JsonPath == "$.config.pets.fields.NAME.type" && e.Message.Contains("unknown type 'text'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ManyErrors_ReportsEveryOneAtOnce()
    {
        var result = Load("many-errors");

        var messages = string.Join(Environment.NewLine, result.Errors);
        Assert.Contains(result.Errors, e => e.File == "projections.json" && e.Message.Contains("to-email", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == "erSchema.json" && e.Message.Contains("'OWNER'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == "singleViews/sv-people/singleViewKey.json" && e.Message.Contains("PERSON_ID", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == "singleViews/sv-people/aggregation.json" && e.JsonPath == "$.config.SV_CONFIG.mapping.AGE");
        Assert.Contains(result.Errors, e => e.File == "singleViews/sv-people/aggregation.json" && e.Message.Contains("unknown config 'TOYS'", StringComparison.Ordinal));
        Assert.True(result.Errors.Count == 5, messages);
        var aggregationLines = result.Errors.Where(e => e.File.EndsWith("aggregation.json", StringComparison.Ordinal)).Select(e => e.Line).ToArray();
        Assert.Equal(aggregationLines.Order(), aggregationLines);
    }

    [Fact]
    public void Load_UnknownJoinDependency_ReportsIt()
    {
        var result = Load("unknown-join-dependency");

        Assert.Contains(result.Errors, e => e.File == "singleViews/sv-people/aggregation.json" && e.JsonPath == "$.config.PETS.joinDependency"
            && e.Message.Contains("'cats' is not a projection dependency", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OneToManyDependencyMappedDirectly_ReportsIt()
    {
        SingleError("one-to-many-mapped-directly", "singleViews/sv-people/aggregation.json", "$.config.SV_CONFIG.mapping.petName", "'pets' is one-to-many");
    }

    [Fact]
    public void Load_NoIdentifierDependency_ReportsIt()
    {
        var result = Load("missing-identifier-dependency");

        Assert.Contains(result.Errors, e => e.JsonPath == "$.config.SV_CONFIG.dependencies" && e.Message.Contains("_identifier", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFolder_ReportsIt()
    {
        var result = FastDataConfigurationLoader.Load(Path.Combine(RepositoryPaths.Fixture("valid-minimal"), "nope"));

        var error = Assert.Single(result.Errors);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
