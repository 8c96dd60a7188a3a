using System.Text.Json;

namespace FastData.Model.Configuration;

/// <summary><c>"TO_FIELD": "__string__[x]"</c> (or __integer__/__boolean__): the related record's field equals a constant.</summary>
public sealed record ConditionConstant(string ToField, JsonElement Value) : ConditionNode;
