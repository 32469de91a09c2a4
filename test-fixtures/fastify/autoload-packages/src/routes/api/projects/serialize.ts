/** Not a plugin: autoload's matchFilter leaves it out. */
export function serializeProject(project: { id: string; name: string }) {
  return { id: project.id, name: project.name };
}
