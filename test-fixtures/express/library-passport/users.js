const byEmail = new Map();

module.exports = {
  byId: (id) => [...byEmail.values()].find((u) => u.id === id),
  checkPassword: async (email, password) => {
    const user = byEmail.get(email);
    return user && user.password === password ? user : undefined;
  },
};
