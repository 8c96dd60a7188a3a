using System.Text.Json.Nodes;
using FastData.Model.Casting;
using FastData.Model.Configuration;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

public sealed class ProjectionRecordCasterTests
{
    private static ProjectionDefinition Customers => RetailData.Model.Projections["customers"];

    private static JsonObject RawCustomer() => new()
    {
        ["CUSTOMER_ID"] = 42,
        ["FIRST_NAME"] = "Ada",
        ["LAST_NAME"] = "Lovelace",
        ["EMAIL"] = "ada@example.com",
        ["PHONE"] = null,
        ["LOYALTY_TIER"] = "GOLD",
        ["IS_ACTIVE"] = "true",
        ["CREATED_AT"] = 1700000000123L,
        ["NOTES"] = "padding",
    };

    [Fact]
    public void Cast_RetailCustomer_TypesEveryField()
    {
        var result = ProjectionRecordCaster.Cast(Customers, RawCustomer());

        Assert.True(result.IsValid, string.Join("; ", result.Violations));
        Assert.Equal(42, result.Record["CUSTOMER_ID"]!.GetValue<long>());
        Assert.True(result.Record["IS_ACTIVE"]!.GetValue<bool>());
        Assert.Equal("2023-11-14T22:13:20.123Z", result.Record["CREATED_AT"]!.GetValue<string>());
        Assert.True(result.Record.ContainsKey("PHONE"));
        Assert.Null(result.Record["PHONE"]);
        Assert.Empty(result.DroppedFields);
    }

    [Fact]
    public void Cast_UnknownFields_AreDroppedAndNamed()
    {
        var raw = RawCustomer();
        raw["LEGACY_CODE"] = "X";
        raw["__op"] = "u";

        var result = ProjectionRecordCaster.Cast(Customers, raw);

        Assert.True(result.IsValid);
        Assert.Equal(["LEGACY_CODE", "__op"], result.DroppedFields);
        Assert.False(result.Record.ContainsKey("LEGACY_CODE"));
    }

    [Fact]
    public void Cast_RequiredMissing_IsAViolation()
    {
        var raw = RawCustomer();
        raw.Remove("EMAIL");

        var result = ProjectionRecordCaster.Cast(Customers, raw);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(new CastViolation("EMAIL", CastViolationKind.RequiredMissing, "required field is missing"), violation);
    }

    [Fact]
    public void Cast_NullWhereNotNullable_IsAViolation()
    {
        var raw = RawCustomer();
        raw["LAST_NAME"] = null;

        var result = ProjectionRecordCaster.Cast(Customers, raw);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("LAST_NAME", violation.Field);
        Assert.Equal(CastViolationKind.NullNotAllowed, violation.Kind);
    }

    [Fact]
    public void Cast_OptionalMissing_IsAbsentNotNull()
    {
        var raw = RawCustomer();
        raw.Remove("LOYALTY_TIER");

        var result = ProjectionRecordCaster.Cast(Customers, raw);

        Assert.True(result.IsValid);
        Assert.False(result.Record.ContainsKey("LOYALTY_TIER"));
    }

    [Fact]
    public void Cast_CastFailure_NamesFieldAndReasonAndOmitsTheField()
    {
        var raw = RawCustomer();
        raw["IS_ACTIVE"] = "maybe";

        var result = ProjectionRecordCaster.Cast(Customers, raw);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("IS_ACTIVE", violation.Field);
        Assert.Equal(CastViolationKind.CastFailed, violation.Kind);
        Assert.Contains("\"maybe\" is neither \"true\" nor \"false\"", violation.Reason, StringComparison.Ordinal);
        Assert.False(result.Record.ContainsKey("IS_ACTIVE"));
    }

    [Fact]
    public void Cast_ResultOfWrongType_IsAViolation()
    {
        var orders = RetailData.Model.Projections["orders"];
        var raw = new JsonObject { ["ORDER_ID"] = 1, ["CUSTOMER_ID"] = 2, ["ORDER_DATE"] = true };

        var result = ProjectionRecordCaster.Cast(orders, raw);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("ORDER_DATE", violation.Field);
    }

    [Fact]
    public void Cast_CustomCastFunction_IsUsedByName()
    {
        var functions = new CustomFunctionRegistry().AddCast("cents-to-units", v => JsonValue.Create(JsonScalars.TryGetDouble(v, out var d) ? d / 100 : throw new FormatException("not a number")));
        var folder = Directory.CreateTempSubdirectory("fastdata-cast-");
        try
        {
            CopyFixture("valid-minimal", folder.FullName);
            var projections = Path.Combine(folder.FullName, "projections.json");
            File.WriteAllText(projections, File.ReadAllText(projections).Replace("\"castFunction\": \"to-string\"", "\"castFunction\": \"cents-to-units\"", StringComparison.Ordinal)
                .Replace("\"EMAIL\": {\n          \"type\": \"string\"", "\"EMAIL\": {\n          \"type\": \"number\"", StringComparison.Ordinal));
            var result = FastDataConfigurationLoader.Load(folder.FullName, functions);
            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
            var people = result.Model!.Projections["people"];

            var cast = ProjectionRecordCaster.Cast(people, new JsonObject { ["ID"] = 1, ["NAME"] = "n", ["EMAIL"] = 1234 });

            Assert.True(cast.IsValid, string.Join("; ", cast.Violations));
            Assert.Equal(12.34, cast.Record["EMAIL"]!.GetValue<double>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Cast_CustomCastThatThrowsAnything_IsAViolationNotACrash()
    {
        var field = CastField("boom", new CustomFunctionRegistry().AddCast("boom", _ => throw new InvalidOperationException("exploded")), FieldType.String);

        var ok = ProjectionRecordCaster.TryCastField(field, JsonValue.Create("x"), out _, out var reason);

        Assert.False(ok);
        Assert.Contains("exploded", reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, FieldType, string, string> Casts => new()
    {
        { "identity", FieldType.String, "\"abc\"", "\"abc\"" },
        { "identity", FieldType.Date, "\"2024-01-02T03:04:05+02:00\"", "\"2024-01-02T01:04:05.000Z\"" },
        { "to-string", FieldType.String, "12", "\"12\"" },
        { "to-string", FieldType.String, "1.5", "\"1.5\"" },
        { "to-string", FieldType.String, "true", "\"true\"" },
        { "to-string", FieldType.String, "{\"a\":1}", "\"{\\\"a\\\":1}\"" },
        { "to-integer", FieldType.Integer, "\"42\"", "42" },
        { "to-integer", FieldType.Integer, "42.0", "42" },
        { "to-integer", FieldType.Integer, "\"-7\"", "-7" },
        { "to-float", FieldType.Number, "\"123.45\"", "123.45" },
        { "to-float", FieldType.Number, "7", "7" },
        { "unix-timestamp-to-ISO-string", FieldType.String, "0", "\"1970-01-01T00:00:00.000Z\"" },
        { "unix-timestamp-to-ISO-string", FieldType.String, "\"1700000000123\"", "\"2023-11-14T22:13:20.123Z\"" },
        { "string-to-boolean", FieldType.Boolean, "\"FALSE\"", "false" },
        { "string-to-boolean", FieldType.Boolean, "true", "true" },
        { "to-date", FieldType.Date, "1700000000123", "\"2023-11-14T22:13:20.123Z\"" },
        { "to-date", FieldType.Date, "\"2023-11-14\"", "\"2023-11-14T00:00:00.000Z\"" },
        { "to-object", FieldType.Object, "\"{\\\"a\\\":[1]}\"", "{\"a\":[1]}" },
        { "to-object", FieldType.Object, "{\"b\":2}", "{\"b\":2}" },
        { "to-array-of-objects", FieldType.Array, "\"[{\\\"a\\\":1},{}]\"", "[{\"a\":1},{}]" },
        { "to-array-of-objects", FieldType.Array, "[{\"x\":true}]", "[{\"x\":true}]" },
    };

    [Theory]
    [MemberData(nameof(Casts))]
    public void TryCastField_BuiltIn_ConvertsAsDocumented(string cast, FieldType type, string input, string expected)
    {
        var field = CastField(cast, new CustomFunctionRegistry(), type);

        var ok = ProjectionRecordCaster.TryCastField(field, JsonNode.Parse(input)!, out var typed, out var reason);

        Assert.True(ok, reason);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), typed), $"{cast}({input}) = {typed?.ToJsonString()}, expected {expected}");
    }

    public static TheoryData<string, FieldType, string> Failures => new()
    {
        { "to-integer", FieldType.Integer, "\"4.5\"" },
        { "to-integer", FieldType.Integer, "1.5" },
        { "to-integer", FieldType.Integer, "\"abc\"" },
        { "to-float", FieldType.Number, "\"12,5\"" },
        { "to-float", FieldType.Number, "[]" },
        { "unix-timestamp-to-ISO-string", FieldType.String, "\"yesterday\"" },
        { "string-to-boolean", FieldType.Boolean, "1" },
        { "to-date", FieldType.Date, "{}" },
        { "to-object", FieldType.Object, "\"[1]\"" },
        { "to-object", FieldType.Object, "\"{not json\"" },
        { "to-array-of-objects", FieldType.Array, "[1,2]" },
        { "identity", FieldType.Integer, "\"5\"" },
        { "identity", FieldType.Date, "\"not a date\"" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void TryCastField_BadValue_FailsWithAReason(string cast, FieldType type, string input)
    {
        var field = CastField(cast, new CustomFunctionRegistry(), type);

        var ok = ProjectionRecordCaster.TryCastField(field, JsonNode.Parse(input)!, out var typed, out var reason);

        Assert.False(ok);
        Assert.Null(typed);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    private static FieldDefinition CastField(string cast, CustomFunctionRegistry functions, FieldType type)
    {
        Assert.True(functions.TryGetCast(cast, out var function));
        return new FieldDefinition("F", type, cast, function, required: false, nullable: true);
    }

    private static void CopyFixture(string fixture, string target)
    {
        var source = RepositoryPaths.Fixture(fixture);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
