using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>The <c>__STATE__</c> field of projection and single-view records.</summary>
public static class RecordStates
{
    /// <summary>The field name.</summary>
    public const string Field = "__STATE__";

    /// <summary>A live record.</summary>
    public const string Public = "PUBLIC";

    /// <summary>A soft-deleted record.</summary>
    public const string Deleted = "DELETED";

    /// <summary>True when the record's <c>__STATE__</c> is PUBLIC (a record without the field is not PUBLIC).</summary>
    public static bool IsPublic(JsonObject? record) =>
        record is not null
        && record.TryGetPropertyValue(Field, out var state)
        && state?.GetValueKind() == JsonValueKind.String
        && state.GetValue<string>() == Public;
}
