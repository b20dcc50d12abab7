export class UsersController {
  list(): string[] {
    return ["ada", "grace"];
  }
}
