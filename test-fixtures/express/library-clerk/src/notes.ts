export interface Note {
  id: string;
  ownerId: string;
  text: string;
}

export const notes = new Map<string, Note>();
