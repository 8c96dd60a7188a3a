using System.Text.Json.Nodes;

namespace FastData.Model.Casting;

/// <summary>
/// Converts a raw source value (never a JSON null: nulls are not cast) into the field's typed value.
/// Throws (e.g. <see cref="FormatException"/>) when the value cannot be converted; the message becomes the violation reason.
/// </summary>
public delegate JsonNode? CastFunction(JsonNode value);
