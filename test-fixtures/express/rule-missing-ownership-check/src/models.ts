import mongoose from 'mongoose';

const invoiceSchema = new mongoose.Schema({ owner: mongoose.Types.ObjectId, total: Number, paid: Boolean });
export const Invoice = mongoose.model('Invoice', invoiceSchema);

const noteSchema = new mongoose.Schema({ author: mongoose.Types.ObjectId, text: String });
export const Note = mongoose.model('Note', noteSchema);
