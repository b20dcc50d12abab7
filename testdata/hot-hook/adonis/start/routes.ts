import router from '@adonisjs/core/services/router'
import env from '#start/env'
import { middleware } from '#start/kernel'

const UsersController = () => import('#controllers/users_controller')

router.get('/users', [UsersController, 'index']).use(middleware.stamp())
router.get('/greeting', () => `routes v1 ${env.get('GREETING')}`)
router.get('/pid', () => String(process.pid))
